/**
 * A gradient check of `BatchNorm1d`'s backward pass: the analytic gradients from `backwardMatrix`
 * next to numerical ones from central differences, (L(θ + h) − L(θ − h)) / 2h, with a fresh forward
 * pass for every evaluation of the loss L = Σ w ⊙ y (so dL/dy = w). Everything is seeded, so the
 * same settings give the same tables at build time and in the browser.
 */
import { BatchNorm1d } from './batchnorm-layer.ts';
import { BatchNormError, type Matrix } from './matrix.ts';
import { InputError, parseNumber } from './parse-input.ts';
import { normalGenerator } from './random.ts';

/** Train: normalize with the batch's statistics. Eval: with running statistics from earlier batches. */
export type CheckMode = 'train' | 'eval';

export interface GradientCheckSettings {
  /** Examples in the mini-batch, m. */
  batch: number;
  /** Features per example, n. */
  features: number;
  /** Seed of every random number in the check. */
  seed: number;
  /** Step h of the central difference. */
  step: number;
  /** The layer's ε. */
  eps: number;
  mode: CheckMode;
}

export const DEFAULT_SETTINGS: GradientCheckSettings = { batch: 4, features: 3, seed: 1, step: 1e-5, eps: 1e-5, mode: 'train' };

/**
 * The accepted ranges. The step goes from 0.1, where truncation error shows, down to 1e-12, where
 * rounding error does; at 1e-13 the numerical ∂L/∂x is mostly noise.
 */
export const LIMITS = {
  batch: { min: 2, max: 16 },
  features: { min: 1, max: 4 },
  seed: { min: 0, max: 2 ** 32 - 1 },
  step: { min: 1e-12, max: 1e-1 },
} as const;

/** Below this relative error everywhere, the backward pass agrees with the numerical gradient. */
export const AGREEMENT_THRESHOLD = 1e-6;

/** The floor of the relative error's denominator, so that two exact zeros compare as 0, not 0/0. */
export const RELATIVE_ERROR_FLOOR = 1e-300;

/** Training batches the layer sees before an eval-mode check, to set its running statistics. */
export const WARMUP_BATCHES = 8;

/** |a − b| / max(|a| + |b|, floor): 0 when equal, 1 when of opposite signs or one is 0. */
export function relativeError(analytic: number, numerical: number): number {
  return Math.abs(analytic - numerical) / Math.max(Math.abs(analytic) + Math.abs(numerical), RELATIVE_ERROR_FLOOR);
}

/** The seeded inputs of a check. */
export interface CheckProblem {
  x: Matrix;
  gamma: Float64Array;
  beta: Float64Array;
  /** dL/dy, the weights of the loss L = Σ w ⊙ y. */
  w: Matrix;
  /** The running statistics used in eval mode (after the warm-up batches); null in train mode. */
  running: { mean: Float64Array; variance: Float64Array } | null;
}

/**
 * Draws x (each feature with its own offset and scale), γ, β and w from one seeded normal
 * generator, in that order; in eval mode, then trains a layer on `WARMUP_BATCHES` more batches from
 * the same distribution. x, γ, β and w depend only on m, n and the seed, not on the mode.
 */
export function makeProblem(settings: GradientCheckSettings): CheckProblem {
  const { batch: m, features: n, seed, eps, mode } = settings;
  const normal = normalGenerator(seed);
  const offsets = Float64Array.from({ length: n }, () => 2 * normal());
  const scales = Float64Array.from({ length: n }, () => Math.exp(0.5 * normal()));
  const sample = (): Matrix => {
    const data = new Float64Array(m * n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) data[i * n + j] = offsets[j] + scales[j] * normal();
    }
    return { rows: m, cols: n, data };
  };
  const x = sample();
  const gamma = Float64Array.from({ length: n }, () => 1 + 0.5 * normal());
  const beta = Float64Array.from({ length: n }, () => normal());
  const w: Matrix = { rows: m, cols: n, data: Float64Array.from({ length: m * n }, () => normal()) };
  let running: CheckProblem['running'] = null;
  if (mode === 'eval') {
    const layer = new BatchNorm1d(n, { eps, momentum: null }); // running statistics: the plain average over the batches
    for (let k = 0; k < WARMUP_BATCHES; k++) layer.forwardMatrix(sample());
    running = { mean: Float64Array.from(layer.runningMean), variance: Float64Array.from(layer.runningVar) };
  }
  return { x, gamma, beta, w, running };
}

/** A fresh layer with the problem's γ, β and (in eval mode) running statistics. */
function makeLayer(problem: CheckProblem, gamma: Float64Array, beta: Float64Array, eps: number): BatchNorm1d {
  const layer = new BatchNorm1d(problem.x.cols, { eps });
  layer.gamma.set(gamma);
  layer.beta.set(beta);
  if (problem.running) {
    layer.runningMean.set(problem.running.mean);
    layer.runningVar.set(problem.running.variance);
    layer.eval();
  }
  return layer;
}

/** L = Σ w ⊙ y from a fresh forward pass (summed with Neumaier's compensation, so the sum adds no rounding of its own). */
export function loss(problem: CheckProblem, x: Matrix, gamma: Float64Array, beta: Float64Array, eps: number): number {
  const y = makeLayer(problem, gamma, beta, eps).forwardMatrix(x).data;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < y.length; i++) {
    const term = problem.w.data[i] * y[i];
    const t = sum + term;
    compensation += Math.abs(sum) >= Math.abs(term) ? sum - t + term : term - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** One compared entry: where it is, the two gradients and their relative error. */
export interface GradientEntry {
  /** Example index (for dx) … */
  example: number | null;
  /** … and feature index. */
  feature: number;
  analytic: number;
  numerical: number;
  relativeError: number;
}

export type GradientName = 'dx' | 'dgamma' | 'dbeta';

export interface GradientTable {
  name: GradientName;
  /** dx: m × n entries, row by row; dγ and dβ: one per feature. */
  entries: GradientEntry[];
  maxRelativeError: number;
}

/** Why the check did not agree, as far as the settings tell. */
export type Disagreement = 'truncation' | 'rounding' | 'near-zero' | 'unexplained';

export interface GradientCheckResult {
  settings: GradientCheckSettings;
  tables: GradientTable[];
  /** The largest relative error and where it is. */
  worst: { table: GradientName; entry: GradientEntry };
  agrees: boolean;
  /** Set when the check does not agree. */
  disagreement: Disagreement | null;
  /** The running statistics of an eval-mode check. */
  running: CheckProblem['running'];
  /** For a step blamed for the disagreement: the max relative error of the same check with the default step. */
  withDefaultStep: number | null;
}

/** (f(θ + h) − f(θ − h)) / 2h for entry `index` of `values`, which is restored afterwards. */
function centralDifference(values: Float64Array, index: number, h: number, f: () => number): number {
  const original = values[index];
  values[index] = original + h;
  const plus = f();
  values[index] = original - h;
  const minus = f();
  values[index] = original;
  return (plus - minus) / (2 * h);
}

function makeTable(name: GradientName, analytic: Float64Array, numerical: Float64Array, cols: number, perExample: boolean): GradientTable {
  const entries = Array.from(analytic, (a, k) => ({
    example: perExample ? Math.floor(k / cols) : null,
    feature: perExample ? k % cols : k,
    analytic: a,
    numerical: numerical[k],
    relativeError: relativeError(a, numerical[k]),
  }));
  return { name, entries, maxRelativeError: Math.max(...entries.map((e) => e.relativeError)) };
}

/** Throws `BatchNormError` unless the settings are in `LIMITS` (the parser's messages are friendlier). */
function checkSettings(s: GradientCheckSettings): void {
  const whole = (value: number, range: { min: number; max: number }) => Number.isInteger(value) && value >= range.min && value <= range.max;
  if (!whole(s.batch, LIMITS.batch) || !whole(s.features, LIMITS.features) || !whole(s.seed, LIMITS.seed)) {
    throw new BatchNormError(`Batch size, features or seed out of range: ${s.batch}, ${s.features}, ${s.seed}.`);
  }
  if (!(s.step >= LIMITS.step.min && s.step <= LIMITS.step.max)) throw new BatchNormError(`The step h is out of range: ${s.step}.`);
  if (!(Number.isFinite(s.eps) && s.eps >= 0)) throw new BatchNormError(`ε must be a finite number ≥ 0; got ${s.eps}.`);
  if (s.mode !== 'train' && s.mode !== 'eval') throw new BatchNormError(`The mode must be train or eval; got ${String(s.mode)}.`);
}

/** Runs the whole check: analytic and numerical dx, dγ and dβ, their relative errors and a verdict. */
export function gradientCheck(settings: GradientCheckSettings): GradientCheckResult {
  checkSettings(settings);
  const { step: h, eps } = settings;
  const problem = makeProblem(settings);
  const { x, gamma, beta, w } = problem;

  const layer = makeLayer(problem, gamma, beta, eps);
  layer.forwardMatrix(x);
  const analytic = layer.backwardMatrix(w);

  const f = () => loss(problem, x, gamma, beta, eps);
  const numerical = (values: Float64Array) => Float64Array.from(values, (_, k) => centralDifference(values, k, h, f));
  const tables = [
    makeTable('dx', analytic.dx.data, numerical(x.data), x.cols, true),
    makeTable('dgamma', analytic.dgamma, numerical(gamma), x.cols, false),
    makeTable('dbeta', analytic.dbeta, numerical(beta), x.cols, false),
  ];

  let worst = { table: tables[0].name, entry: tables[0].entries[0] };
  for (const table of tables) {
    for (const entry of table.entries) if (entry.relativeError > worst.entry.relativeError) worst = { table: table.name, entry };
  }
  const agrees = worst.entry.relativeError < AGREEMENT_THRESHOLD;
  const disagreement = agrees ? null : explain(tables, worst.entry, h);
  const blamesStep = disagreement === 'truncation' || disagreement === 'rounding';
  const withDefaultStep = blamesStep ? gradientCheck({ ...settings, step: DEFAULT_SETTINGS.step }).worst.entry.relativeError : null;
  return { settings, tables, worst, agrees, disagreement, running: problem.running, withDefaultStep };
}

/** The largest |gradient| of all three tables: the scale that tells a gradient that is nearly zero. */
export function gradientScale(tables: GradientTable[]): number {
  return Math.max(...tables.flatMap((table) => table.entries.map((e) => Math.abs(e.analytic))));
}

/**
 * The likeliest reason for a relative error above the threshold: a step far from the best
 * (about ε_machine^(1/3) ≈ 6e-6), or an entry so close to zero next to the others that the
 * relative error divides rounding noise by almost nothing.
 */
function explain(tables: GradientTable[], entry: GradientEntry, h: number): Disagreement {
  if (h > 1e-4) return 'truncation';
  if (h < 1e-7) return 'rounding';
  if (Math.abs(entry.analytic) + Math.abs(entry.numerical) < 1e-4 * gradientScale(tables)) return 'near-zero';
  return 'unexplained';
}

/** The input boxes of the check. */
export type CheckField = 'batch' | 'features' | 'seed' | 'step' | 'eps';
export type CheckTexts = Record<CheckField, string>;
/** A message for each box that holds something the check cannot use. */
export type CheckFieldErrors = Partial<Record<CheckField, string>>;
export type ParsedCheckInput = { ok: true; settings: GradientCheckSettings } | { ok: false; errors: CheckFieldErrors };

/** A number as the boxes show it: 1e-5 rather than 0.00001. */
export function formatSetting(value: number): string {
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential() : String(value);
}

/** The settings written as the boxes show them. */
export function settingsTexts(settings: GradientCheckSettings): CheckTexts {
  return {
    batch: String(settings.batch),
    features: String(settings.features),
    seed: String(settings.seed),
    step: formatSetting(settings.step),
    eps: formatSetting(settings.eps),
  };
}

function capitalized(name: string): string {
  return `${name[0].toUpperCase()}${name.slice(1)}`;
}

/** A whole number in `range`, or an `InputError`; `why` adds the reason for each bound. */
function parseWhole(text: string, name: string, example: string, range: { min: number; max: number }, why: { low: string; high: string }): number {
  const value = parseNumber(text, name, example);
  const bounds = `from ${range.min.toLocaleString('en-US')} to ${range.max.toLocaleString('en-US')}`;
  if (!Number.isInteger(value)) throw new InputError(`${capitalized(name)} must be a whole number ${bounds}; got ${formatSetting(value)}.`);
  if (value < range.min) throw new InputError(`${capitalized(name)} must be ${bounds}; got ${value}${why.low}.`);
  if (value > range.max) throw new InputError(`${capitalized(name)} must be ${bounds}; got ${value}${why.high}.`);
  return value;
}

function parseStep(text: string): number {
  const name = 'the step h';
  const value = parseNumber(text, name, '1e-5');
  const { min, max } = LIMITS.step;
  if (!Number.isFinite(value)) throw new InputError(`The step h must be a finite number from ${formatSetting(min)} to ${max}; got ${value}.`);
  if (value <= 0) throw new InputError(`The step h must be greater than 0; got ${formatSetting(value)}: the central difference divides by 2h.`);
  if (value < min) throw new InputError(`The step h must be from ${formatSetting(min)} to ${max}; got ${formatSetting(value)}: below ${formatSetting(min)}, rounding leaves mostly noise.`);
  if (value > max) throw new InputError(`The step h must be from ${formatSetting(min)} to ${max}; got ${formatSetting(value)}: a step that large measures a slope over a wide stretch, not the derivative.`);
  return value;
}

function parseEps(text: string): number {
  const value = parseNumber(text, 'epsilon (ε)', '1e-5');
  if (!Number.isFinite(value) || value < 0) throw new InputError(`Epsilon (ε) must be a finite number ≥ 0; got ${formatSetting(value)}.`);
  return value;
}

/** Reads the seed box: a whole number from 0 to 2³² − 1; throws `InputError` otherwise. */
export function parseSeed(text: string): number {
  return parseWhole(text, 'the seed', '1', LIMITS.seed, { low: '', high: '' });
}

/** Reads the five boxes; never throws for bad input, but returns a message for each bad box. */
export function parseCheckInput(texts: CheckTexts, mode: CheckMode): ParsedCheckInput {
  const errors: CheckFieldErrors = {};
  const read = (field: CheckField, parse: (text: string) => number): number => {
    try {
      return parse(texts[field]);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors[field] = error.message;
      return Number.NaN;
    }
  };
  const tooMany = ': the tables list every entry, so the check stays small';
  const settings: GradientCheckSettings = {
    batch: read('batch', (t) => parseWhole(t, 'the batch size m', '4', LIMITS.batch, { low: ': one example has no spread to normalize by', high: tooMany })),
    features: read('features', (t) => parseWhole(t, 'the number of features n', '3', LIMITS.features, { low: ': the layer needs at least one', high: tooMany })),
    seed: read('seed', parseSeed),
    step: read('step', parseStep),
    eps: read('eps', parseEps),
    mode,
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** The seed after `seed`, wrapping around to 0 after the largest. */
export function nextSeed(seed: number): number {
  return seed >= LIMITS.seed.max ? LIMITS.seed.min : seed + 1;
}
