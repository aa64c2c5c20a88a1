/**
 * Runs the Code page's program on what the reader typed: parses the matrix and epsilon, normalizes,
 * and returns NumPy's printed output with per-column statistics, or a message for each bad field.
 * The same function pre-renders the page at build time and runs in the browser's worker.
 */
import { checkEpsilon, columnStats, normalizeColumns } from './batchnorm.ts';
import { BatchNormError, matrixFromRows } from './matrix.ts';
import type { DType } from './numpy-format.ts';
import { InputError, parseMatrix, parseNumber } from './parse-input.ts';
import { programOutput } from './python-program.ts';

/** One column of the normalized result, next to what theory predicts for it. */
export interface ColumnSummary {
  /** Biased variance σ² of the input column. */
  inputVariance: number;
  /** Mean of the normalized column: 0 up to rounding. */
  mean: number;
  /** Biased standard deviation of the normalized column (NumPy's `np.std`). */
  std: number;
  /** √(σ² / (σ² + ε)): why the std falls just short of 1. */
  predictedStd: number;
}

export interface ExampleResult {
  output: string;
  rows: number;
  cols: number;
  dtype: DType;
  epsilon: number;
  columns: ColumnSummary[];
}

/** A message for each input box that holds something we cannot run. */
export interface FieldErrors {
  matrix?: string;
  epsilon?: string;
}

export type ExampleOutcome = { ok: true; result: ExampleResult } | { ok: false; errors: FieldErrors };

/** Turns a thrown input or library error into a message; anything else is a bug and is rethrown. */
function messageOf(error: unknown): string {
  if (error instanceof InputError || error instanceof BatchNormError) return error.message;
  throw error;
}

/** Runs `batch_normalize` on the typed matrix and epsilon. Never throws for bad input. */
export function runExample(matrixText: string, epsilonText: string): ExampleOutcome {
  const errors: FieldErrors = {};
  let epsilon = Number.NaN;
  try {
    epsilon = parseNumber(epsilonText, 'epsilon', '1e-5');
    checkEpsilon(epsilon);
  } catch (error) {
    errors.epsilon = messageOf(error);
  }
  let parsed;
  try {
    const { rows, dtype } = parseMatrix(matrixText);
    parsed = { matrix: matrixFromRows(rows, 'data'), dtype };
  } catch (error) {
    errors.matrix = messageOf(error);
  }
  if (!parsed || errors.epsilon) return { ok: false, errors };

  const { matrix, dtype } = parsed;
  const stats = columnStats(matrix);
  const normalized = normalizeColumns(matrix, stats, epsilon);
  const resultStats = columnStats(normalized);
  const columns = Array.from(stats.variance, (variance, j) => ({
    inputVariance: variance,
    mean: resultStats.mean[j],
    std: Math.sqrt(resultStats.variance[j]),
    predictedStd: Math.sqrt(variance / (variance + epsilon)),
  }));
  return {
    ok: true,
    result: { output: programOutput(matrix, dtype, normalized), rows: matrix.rows, cols: matrix.cols, dtype, epsilon, columns },
  };
}
