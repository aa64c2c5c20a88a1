/**
 * Everything the Tutorial's step-through of Algorithm 1 (Ioffe & Szegedy, 2015) shows, computed by
 * the library: the mini-batch mean μ_B and variance σ²_B of every feature, the normalized x̂ and the
 * scaled and shifted y = γ x̂ + β. Also reads and checks what the reader typed, with the island's
 * limits (a small batch that fits on screen) and messages that count rows and columns from 1, as
 * the paper counts x_1 … x_m.
 */
import { BatchNorm1d } from './batchnorm-layer.ts';
import { BatchNormError, matrixFromRows, type Matrix } from './matrix.ts';
import { InputError, parseMatrix, parseNumber } from './parse-input.ts';
import { channelStats } from './statistics.ts';

/** The smallest and largest batches the step-through accepts, so every number fits on screen. */
export const STEPPER_LIMITS = { minRows: 2, maxRows: 8, maxCols: 4 } as const;

/** The four lines of Algorithm 1. */
export interface AlgorithmSteps {
  /** μ_B per feature (line 1). */
  mean: Float64Array;
  /** σ²_B per feature, the biased variance (line 2). */
  variance: Float64Array;
  /** x̂ = (x − μ_B)/√(σ²_B + ε) (line 3). */
  xhat: Matrix;
  /** y = γ x̂ + β (line 4). */
  y: Matrix;
}

/** A checked mini-batch and epsilon, ready for `algorithmSteps`. */
export interface StepperInput {
  x: Matrix;
  epsilon: number;
}

/** A message for each box that holds something the step-through cannot use. */
export interface StepperErrors {
  matrix?: string;
  epsilon?: string;
}

export type StepperInputOutcome = { ok: true; input: StepperInput } | { ok: false; errors: StepperErrors };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The first thing wrong with the shape or values of the parsed rows, or undefined. */
function matrixProblem(rows: number[][]): string | undefined {
  const { minRows, maxRows, maxCols } = STEPPER_LIMITS;
  const cols = rows[0].length;
  if (cols === 0) return 'Row 1 is empty: every example needs a value for each feature, such as [1, 10, 3].';
  const ragged = rows.findIndex((row) => row.length !== cols);
  if (ragged !== -1) {
    return `Row ${ragged + 1} has ${plural(rows[ragged].length, 'value')}, but row 1 has ${cols}: every example (row) needs the same features (columns).`;
  }
  if (rows.length < minRows) {
    return 'There is only 1 example (row). The variance of a single example is 0, so there is nothing to normalize against: Batch Norm needs a batch. Add a row.';
  }
  if (rows.length > maxRows) {
    return `There are ${rows.length} examples (rows); this step-through shows ${minRows} to ${maxRows}. Remove ${plural(rows.length - maxRows, 'row')}.`;
  }
  if (cols > maxCols) {
    return `There are ${cols} features (columns); this step-through shows 1 to ${maxCols}. Remove ${plural(cols - maxCols, 'column')}.`;
  }
  for (let i = 0; i < rows.length; i++) {
    const j = rows[i].findIndex((value) => !Number.isFinite(value));
    if (j !== -1) return `The value in row ${i + 1}, column ${j + 1} is ${String(rows[i][j])}: every value must be a finite number.`;
  }
  return undefined;
}

/** Turns a thrown input error into a message; anything else is a bug and is rethrown. */
function messageOf(error: unknown): string {
  if (error instanceof InputError || error instanceof BatchNormError) return error.message;
  throw error;
}

/** Parses and checks the typed matrix and epsilon. Never throws for bad input. */
export function readStepperInput(matrixText: string, epsilonText: string): StepperInputOutcome {
  const errors: StepperErrors = {};
  let epsilon = Number.NaN;
  try {
    epsilon = parseNumber(epsilonText, 'epsilon', '1e-5');
    if (!Number.isFinite(epsilon) || epsilon < 0) {
      errors.epsilon = `Epsilon must be a finite number ≥ 0 (it is added to σ²_B under the square root); got ${String(epsilon)}.`;
    }
  } catch (error) {
    errors.epsilon = messageOf(error);
  }
  let x: Matrix | undefined;
  try {
    const { rows } = parseMatrix(matrixText);
    const problem = matrixProblem(rows);
    if (problem) errors.matrix = problem;
    else x = matrixFromRows(rows, 'x');
  } catch (error) {
    errors.matrix = messageOf(error);
  }
  if (!x || errors.epsilon) return { ok: false, errors };
  return { ok: true, input: { x, epsilon } };
}

/** Checks that a parameter has one finite value per feature. */
function checkParameter(values: ArrayLike<number>, cols: number, name: string): void {
  if (values.length !== cols) throw new BatchNormError(`${name} needs one value per feature (${cols}); got ${values.length}.`);
  for (let j = 0; j < cols; j++) {
    if (!Number.isFinite(values[j])) throw new BatchNormError(`${name}[${j}] is ${String(values[j])}: it must be a finite number.`);
  }
}

/**
 * Runs Algorithm 1 on `x` (rows = examples) with `BatchNorm1d` in training mode: one layer
 * without γ and β gives x̂, one with them set gives y, and `channelStats`, the layer's own
 * statistics, gives μ_B and σ²_B.
 */
export function algorithmSteps(x: Matrix, epsilon: number, gamma: ArrayLike<number>, beta: ArrayLike<number>): AlgorithmSteps {
  checkParameter(gamma, x.cols, 'gamma');
  checkParameter(beta, x.cols, 'beta');
  const { mean, variance } = channelStats(x.data, { batch: x.rows, channels: x.cols, positions: 1 });
  const xhat = new BatchNorm1d(x.cols, { eps: epsilon, affine: false }).train().forwardMatrix(x);
  const layer = new BatchNorm1d(x.cols, { eps: epsilon }).train();
  layer.gamma.set(Array.from(gamma));
  layer.beta.set(Array.from(beta));
  const y = layer.forwardMatrix(x);
  return { mean, variance, xhat, y };
}
