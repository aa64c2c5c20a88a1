/**
 * The numbers behind the internal covariate shift demo. A fixed, seeded batch of inputs u goes
 * through an earlier layer h = sigmoid(a·(W₁u) + b) whose weights the reader scales by a and whose
 * bias the reader sets to b; one unit of the next layer receives x = w₂·h + c. Moving a and b moves
 * the distribution of x, as training the earlier layer would; Batch Normalization (γ = 1, β = 0)
 * of x keeps its mean at 0 and its standard deviation at 1. Everything is seeded and pure, so the
 * build and the browser compute the same charts.
 */
import { histogram, type Domain, type Histogram } from './histogram.ts';
import { EPSILON, normalizeFeature, summarize, type BatchSummary } from './normalization-demo.ts';
import { InputError, parseNumber } from './parse-input.ts';
import { normalGenerator } from './random.ts';

export { EPSILON };

/** Examples in the batch, features of each input u, and units of the earlier layer. */
export const EXAMPLES = 512;
export const INPUT_FEATURES = 4;
export const HIDDEN_UNITS = 16;
/** The seed of the inputs and both layers' weights. */
export const MODEL_SEED = 1;
/** w₂ is drawn as W2_MEAN + W2_SPREAD · N(0, 1), mostly positive, so that the bias b moves x as a whole. */
export const W2_MEAN = 0.75;
export const W2_SPREAD = 0.75;

/** A reader's setting of the earlier layer: its weights scaled by a, its bias set to b. */
export interface LayerSetting {
  a: number;
  b: number;
}

/** The accepted range, slider step and default of each setting. */
export const LIMITS = {
  a: { min: 0.1, max: 5, step: 0.05, default: 1 },
  b: { min: -5, max: 5, step: 0.1, default: 0 },
} as const;

export type SettingName = keyof typeof LIMITS;

export const REFERENCE: LayerSetting = { a: LIMITS.a.default, b: LIMITS.b.default };

/** Both charts' fixed axis, wide enough for x at every setting, and its bins of width 0.5; values beyond it are counted in the edge bins. */
export const DOMAIN: Domain = [-10, 10];
export const BINS = 40;
/** Where the sigmoid's flat tails start: g′(4) ≈ 0.018, about a 14th of its largest slope, g′(0) = 1/4. */
export const TAIL = 4;

export interface CovariateShiftModel {
  /** The inputs u, EXAMPLES × INPUT_FEATURES, row by row. */
  inputs: Float64Array;
  /** The earlier layer's weights W₁, HIDDEN_UNITS × INPUT_FEATURES, row by row, each N(0, 1/INPUT_FEATURES). */
  w1: Float64Array;
  /** The next unit's weights w₂, one per hidden unit. */
  w2: Float64Array;
  /** The next unit's bias, c = −½ Σ w₂, which centres x near 0 at a = 1, b = 0 (where every h has mean ½). */
  c: number;
  /** W₁u for every example, EXAMPLES × HIDDEN_UNITS, row by row: computed once, since a and b act after it. */
  preActivations: Float64Array;
}

/** Draws u, then W₁, then w₂ from one seeded normal generator, and computes W₁u once. */
export function createModel(seed = MODEL_SEED): CovariateShiftModel {
  const normal = normalGenerator(seed);
  const inputs = Float64Array.from({ length: EXAMPLES * INPUT_FEATURES }, () => normal());
  const w1Scale = 1 / Math.sqrt(INPUT_FEATURES); // so that each W₁u is about N(0, 1)
  const w1 = Float64Array.from({ length: HIDDEN_UNITS * INPUT_FEATURES }, () => w1Scale * normal());
  const w2 = Float64Array.from({ length: HIDDEN_UNITS }, () => W2_MEAN + W2_SPREAD * normal());
  let sum = 0;
  for (const w of w2) sum += w;
  const preActivations = new Float64Array(EXAMPLES * HIDDEN_UNITS);
  for (let i = 0; i < EXAMPLES; i++) {
    for (let j = 0; j < HIDDEN_UNITS; j++) {
      let z = 0;
      for (let k = 0; k < INPUT_FEATURES; k++) z += w1[j * INPUT_FEATURES + k] * inputs[i * INPUT_FEATURES + k];
      preActivations[i * HIDDEN_UNITS + j] = z;
    }
  }
  return { inputs, w1, w2, c: -0.5 * sum, preActivations };
}

let defaultModel: CovariateShiftModel | undefined;

/** The model of MODEL_SEED, created on first use. */
export function getModel(): CovariateShiftModel {
  defaultModel ??= createModel();
  return defaultModel;
}

/** 1 / (1 + e^(−t)), without overflow for large |t|. */
export function sigmoid(t: number): number {
  if (t >= 0) return 1 / (1 + Math.exp(-t));
  const e = Math.exp(t);
  return e / (1 + e);
}

/** The next unit's input x = w₂·h + c for every example, with h = sigmoid(a·(W₁u) + b). */
export function nextLayerInputs(setting: LayerSetting, model: CovariateShiftModel = getModel()): Float64Array {
  const { a, b } = setting;
  const x = new Float64Array(EXAMPLES);
  for (let i = 0; i < EXAMPLES; i++) {
    let sum = model.c;
    for (let j = 0; j < HIDDEN_UNITS; j++) sum += model.w2[j] * sigmoid(a * model.preActivations[i * HIDDEN_UNITS + j] + b);
    x[i] = sum;
  }
  return x;
}

/** How many values lie in the sigmoid's flat tails, |x| > TAIL. */
export function tailCount(values: ArrayLike<number>, tail = TAIL): number {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]) > tail) count++;
  return count;
}

/** One distribution as the charts show it: the values, their statistics, tail count and histogram. */
export interface Distribution {
  values: Float64Array;
  summary: BatchSummary;
  /** Values with |x| > TAIL. */
  tail: number;
  histogram: Histogram;
}

function describe(values: Float64Array): Distribution {
  return { values, summary: summarize(values), tail: tailCount(values), histogram: histogram(values, { domain: DOMAIN, bins: BINS }) };
}

/** The next unit's input at one setting, without and with Batch Normalization. */
export interface ShiftSnapshot {
  setting: LayerSetting;
  without: Distribution;
  /** BN(x) = (x − mean) / √(var + ε), γ = 1, β = 0. */
  with: Distribution;
}

/** Computes x and BN(x) at a setting. */
export function snapshot(setting: LayerSetting, model: CovariateShiftModel = getModel()): ShiftSnapshot {
  const x = nextLayerInputs(setting, model);
  return { setting: { ...setting }, without: describe(x), with: describe(normalizeFeature(x, EPSILON)) };
}

export interface CovariateShiftDemo {
  current: ShiftSnapshot;
  /** The same at a = 1, b = 0, drawn as an outline. */
  reference: ShiftSnapshot;
}

let referenceSnapshot: ShiftSnapshot | undefined;

/** The current setting and the reference one (computed once) for the default model. */
export function covariateShiftDemo(setting: LayerSetting): CovariateShiftDemo {
  checkSetting(setting);
  referenceSnapshot ??= snapshot(REFERENCE);
  return { current: snapshot(setting), reference: referenceSnapshot };
}

const NAMES: Record<SettingName, string> = { a: 'the scale a', b: 'the shift b' };

/** Throws a RangeError unless a and b are finite and in LIMITS (the parser's messages are friendlier). */
export function checkSetting(setting: LayerSetting): void {
  for (const name of ['a', 'b'] as const) {
    const value = setting[name];
    const { min, max } = LIMITS[name];
    if (!(Number.isFinite(value) && value >= min && value <= max)) {
      throw new RangeError(`${NAMES[name]} must be a finite number from ${min} to ${max}; got ${value}.`);
    }
  }
}

/** A number as the page prints it: a true minus sign (−). */
export function formatLimit(x: number): string {
  return String(x).replace('-', '−');
}

/**
 * Reads the box of setting `name`; accepts a true minus sign, as the page prints one. Throws
 * `InputError` for an empty box, text that is not one number, NaN or infinity, or a value out of range.
 */
export function parseSetting(name: SettingName, text: string): number {
  const label = NAMES[name];
  const { min, max, default: example } = LIMITS[name];
  const typed = text.trim().replace(/^[−–]/, '-');
  const value = parseNumber(typed, label, String(example));
  const shown = text.trim().slice(0, 40);
  const range = `from ${formatLimit(min)} to ${formatLimit(max)}`;
  const Label = label[0].toUpperCase() + label.slice(1);
  if (Number.isNaN(value)) throw new InputError(`${Label} must be a number ${range}; got '${shown}', which is not a number.`);
  if (!Number.isFinite(value)) throw new InputError(`${Label} must be a finite number ${range}; got '${shown}'.`);
  if (value < min) throw new InputError(`${Label} must be ${range}; got ${shown}, which is below ${formatLimit(min)}, the end of the slider.`);
  if (value > max) throw new InputError(`${Label} must be ${range}; got ${shown}, which is above ${formatLimit(max)}, the end of the slider.`);
  return value === 0 ? 0 : value; // no −0
}
