/**
 * The paper's first experiment (Section 4.1, Figure 1), on the 8 × 8 digits: a network with three
 * fully connected hidden layers of 100 sigmoid units, trained by plain mini-batch SGD with softmax
 * cross-entropy, with or without Batch Normalization on every hidden layer. It records the test
 * accuracy and the 15th, 50th and 85th percentiles of the input to one fixed sigmoid of the last
 * hidden layer (after BN where BN is on) as training goes.
 *
 * Deterministic: the same seed gives the same numbers in Node and in the browser. The hot path is
 * the matrix products (`multiplyTransposed`), on flat row-major Float64Arrays; `npm run bench`
 * measures it.
 */
import { BatchNorm1d } from './batchnorm-layer.ts';
import { permutation, type Dataset, type SplitDataset } from './digits.ts';
import { BatchNormError } from './matrix.ts';
import { normalGenerator, uniformGenerator } from './random.ts';
import { percentile } from './statistics.ts';

export interface Figure1Options {
  batchNorm: boolean;
  steps: number;
  seed: number;
  learningRate?: number;
  /** Standard deviation of the initial weights, drawn from N(0, initStd²). */
  initStd?: number;
  batchSize?: number;
  /** Evaluate on the test set every this many steps (and at step 0 and at the end). */
  evalEvery?: number;
  /** Called after each evaluation with the results so far. */
  onProgress?: (result: Figure1Result) => void;
}

export interface Figure1Result {
  step: number[];
  testAccuracy: number[];
  /** The 15th, 50th and 85th percentiles of the tracked unit's input over the test set. */
  percentiles: [number, number, number][];
}

export const LAYER_SIZES = [64, 100, 100, 100, 10] as const;
/** The last hidden layer's unit whose input distribution is tracked (the paper's "typical sigmoid"). */
export const TRACKED_UNIT = 0;
export const DEFAULTS = { learningRate: 0.5, initStd: 0.1, batchSize: 60, evalEvery: 50 } as const;
const PERCENTILES = [15, 50, 85] as const;

/**
 * C (m × n) = init + A (m × k) · Bᵀ, with B stored as n × k, so both factors are read along rows.
 * Every product of the network is of this form; `init` is a per-column start (a bias), or null for 0.
 * Each C[a, b] is one running sum over k in order, so the blocking does not change a single bit of
 * the result: 2 rows × 4 columns of C are computed at once only to give the processor eight
 * independent chains of additions and to reuse each value loaded.
 */
export function multiplyTransposed(a: Float64Array, m: number, k: number, b: Float64Array, n: number, init: Float64Array | null, c: Float64Array): void {
  const m2 = m - (m % 2);
  const n4 = n - (n % 4);
  for (let row = 0; row < m2; row += 2) {
    const a0 = row * k;
    const a1 = a0 + k;
    const c0 = row * n;
    const c1 = c0 + n;
    for (let col = 0; col < n4; col += 4) {
      const b0 = col * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s00 = init ? init[col] : 0;
      let s01 = init ? init[col + 1] : 0;
      let s02 = init ? init[col + 2] : 0;
      let s03 = init ? init[col + 3] : 0;
      let s10 = s00;
      let s11 = s01;
      let s12 = s02;
      let s13 = s03;
      for (let i = 0; i < k; i++) {
        const x0 = a[a0 + i];
        const x1 = a[a1 + i];
        const y0 = b[b0 + i];
        s00 += x0 * y0;
        s10 += x1 * y0;
        const y1 = b[b1 + i];
        s01 += x0 * y1;
        s11 += x1 * y1;
        const y2 = b[b2 + i];
        s02 += x0 * y2;
        s12 += x1 * y2;
        const y3 = b[b3 + i];
        s03 += x0 * y3;
        s13 += x1 * y3;
      }
      c[c0 + col] = s00;
      c[c0 + col + 1] = s01;
      c[c0 + col + 2] = s02;
      c[c0 + col + 3] = s03;
      c[c1 + col] = s10;
      c[c1 + col + 1] = s11;
      c[c1 + col + 2] = s12;
      c[c1 + col + 3] = s13;
    }
    for (let col = n4; col < n; col++) {
      const b0 = col * k;
      let s0 = init ? init[col] : 0;
      let s1 = s0;
      for (let i = 0; i < k; i++) {
        s0 += a[a0 + i] * b[b0 + i];
        s1 += a[a1 + i] * b[b0 + i];
      }
      c[c0 + col] = s0;
      c[c1 + col] = s1;
    }
  }
  for (let row = m2; row < m; row++) {
    const a0 = row * k;
    for (let col = 0; col < n; col++) {
      const b0 = col * k;
      let s = init ? init[col] : 0;
      for (let i = 0; i < k; i++) s += a[a0 + i] * b[b0 + i];
      c[row * n + col] = s;
    }
  }
}

/** Writes the transpose of `a` (rows × cols) into `t` (cols × rows). */
function transpose(a: Float64Array, rows: number, cols: number, t: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const aRow = r * cols;
    for (let j = 0; j < cols; j++) t[j * rows + r] = a[aRow + j];
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Throws unless `value` is a whole number in [min, max]. */
function checkWhole(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BatchNormError(`${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}; got ${String(value)}.`);
  }
}

function checkPositive(value: number, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new BatchNormError(`${name} must be a positive number; got ${String(value)}.`);
  }
}

/** The most training steps one run may take, so a typo cannot freeze a tab for hours. */
export const MAX_STEPS = 100_000;

/** One of the two networks of Figure 1, with its training state. */
export class Figure1Network {
  readonly batchNorm: boolean;
  readonly weights: Float64Array[];
  /** Biases of the hidden layers (absent with BN, where β takes their place) and of the output layer. */
  readonly biases: (Float64Array | null)[];
  readonly norms: BatchNorm1d[];
  private readonly gradWeights: Float64Array[];
  private readonly gradBiases: (Float64Array | null)[];

  constructor(batchNorm: boolean, initStd: number, seed: number) {
    this.batchNorm = batchNorm;
    const normal = normalGenerator(seed);
    const layers = LAYER_SIZES.length - 1;
    this.weights = Array.from({ length: layers }, (_, l) => Float64Array.from({ length: LAYER_SIZES[l + 1] * LAYER_SIZES[l] }, () => normal() * initStd));
    this.biases = Array.from({ length: layers }, (_, l) => (batchNorm && l < layers - 1 ? null : new Float64Array(LAYER_SIZES[l + 1])));
    this.norms = batchNorm ? LAYER_SIZES.slice(1, -1).map((size) => new BatchNorm1d(size)) : [];
    this.gradWeights = this.weights.map((w) => new Float64Array(w.length));
    this.gradBiases = this.biases.map((b) => (b ? new Float64Array(b.length) : null));
  }

  /**
   * Runs the network on `rows` examples. Returns every layer's input (index 0 is x) and the inputs of
   * the hidden sigmoids (after BN where it is on), which the backward pass and the tracking need.
   */
  forward(x: Float64Array, rows: number): { inputs: Float64Array[]; preActivations: Float64Array[]; logits: Float64Array } {
    const inputs = [x];
    const preActivations: Float64Array[] = [];
    const layers = this.weights.length;
    for (let l = 0; l < layers; l++) {
      const z = new Float64Array(rows * LAYER_SIZES[l + 1]);
      multiplyTransposed(inputs[l], rows, LAYER_SIZES[l], this.weights[l], LAYER_SIZES[l + 1], this.biases[l], z);
      if (l === layers - 1) return { inputs, preActivations, logits: z };
      const pre = this.batchNorm ? this.norms[l].forwardMatrix({ rows, cols: LAYER_SIZES[l + 1], data: z }).data : z;
      preActivations.push(pre);
      const h = new Float64Array(pre.length);
      for (let i = 0; i < pre.length; i++) h[i] = sigmoid(pre[i]);
      inputs.push(h);
    }
    throw new Error('unreachable: the network has an output layer');
  }

  /** One SGD step on a mini-batch; returns the batch's mean cross-entropy. */
  trainStep(x: Float64Array, labels: Int32Array, learningRate: number): number {
    const rows = labels.length;
    const { inputs, logits } = this.forward(x, rows);
    const classes = LAYER_SIZES[LAYER_SIZES.length - 1];
    // Softmax cross-entropy: dL/dlogits = (softmax − one-hot) / rows.
    let loss = 0;
    const grad = new Float64Array(logits.length);
    for (let r = 0; r < rows; r++) {
      const row = r * classes;
      let max = -Infinity;
      for (let k = 0; k < classes; k++) max = Math.max(max, logits[row + k]);
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += Math.exp(logits[row + k] - max);
      loss += Math.log(sum) + max - logits[row + labels[r]];
      for (let k = 0; k < classes; k++) grad[row + k] = Math.exp(logits[row + k] - max) / sum / rows;
      grad[row + labels[r]] -= 1 / rows;
    }
    let dz: Float64Array = grad;
    for (let l = this.weights.length - 1; l >= 0; l--) {
      const fanIn = LAYER_SIZES[l];
      const fanOut = LAYER_SIZES[l + 1];
      // dW = dZᵀ · H and dH = dZ · W, both as products with a transposed second factor (W before the update).
      const dzT = new Float64Array(dz.length);
      const hT = new Float64Array(rows * fanIn);
      transpose(dz, rows, fanOut, dzT);
      transpose(inputs[l], rows, fanIn, hT);
      multiplyTransposed(dzT, fanOut, rows, hT, fanIn, null, this.gradWeights[l]);
      let dh: Float64Array | null = null;
      if (l > 0) {
        const wT = new Float64Array(fanOut * fanIn);
        transpose(this.weights[l], fanOut, fanIn, wT);
        dh = new Float64Array(rows * fanIn);
        multiplyTransposed(dz, rows, fanOut, wT, fanIn, null, dh);
      }
      const db = this.gradBiases[l];
      if (db) {
        db.fill(0);
        for (let r = 0; r < rows; r++) for (let j = 0; j < db.length; j++) db[j] += dz[r * db.length + j];
      }
      this.applyUpdate(l, learningRate);
      if (!dh) break;
      // Back through the sigmoid of layer l − 1, then through its BN.
      const h = inputs[l];
      for (let i = 0; i < dh.length; i++) dh[i] *= h[i] * (1 - h[i]);
      if (this.batchNorm) {
        const norm = this.norms[l - 1];
        const { dx, dgamma, dbeta } = norm.backwardMatrix({ rows, cols: LAYER_SIZES[l], data: dh });
        for (let j = 0; j < dgamma.length; j++) {
          norm.gamma[j] -= learningRate * dgamma[j];
          norm.beta[j] -= learningRate * dbeta[j];
        }
        dz = dx.data;
      } else {
        dz = dh;
      }
    }
    return loss / rows;
  }

  private applyUpdate(layer: number, learningRate: number): void {
    const w = this.weights[layer];
    const dw = this.gradWeights[layer];
    for (let i = 0; i < w.length; i++) w[i] -= learningRate * dw[i];
    const b = this.biases[layer];
    const db = this.gradBiases[layer];
    if (b && db) for (let j = 0; j < b.length; j++) b[j] -= learningRate * db[j];
  }

  /** Test accuracy and the tracked unit's inputs over a data set, in eval mode (running statistics). */
  evaluate(x: Float64Array, labels: Int32Array): { accuracy: number; tracked: Float64Array } {
    for (const norm of this.norms) norm.eval();
    const rows = labels.length;
    const { preActivations, logits } = this.forward(x, rows);
    for (const norm of this.norms) norm.train();
    const classes = LAYER_SIZES[LAYER_SIZES.length - 1];
    let correct = 0;
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let k = 1; k < classes; k++) if (logits[r * classes + k] > logits[r * classes + best]) best = k;
      if (best === labels[r]) correct++;
    }
    const last = preActivations[preActivations.length - 1];
    const units = LAYER_SIZES[LAYER_SIZES.length - 2];
    const tracked = Float64Array.from({ length: rows }, (_, r) => last[r * units + TRACKED_UNIT]);
    return { accuracy: correct / rows, tracked };
  }
}

/** A data set as one flat row-major array of inputs and an array of labels, checked. */
function flatten(data: Dataset, name: string): { x: Float64Array; y: Int32Array } {
  const inputs = LAYER_SIZES[0];
  if (!data || !Array.isArray(data.x) || !Array.isArray(data.y) || data.x.length === 0 || data.x.length !== data.y.length) {
    throw new BatchNormError(`${name} needs as many labels as images, and at least one image.`);
  }
  const x = new Float64Array(data.x.length * inputs);
  data.x.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== inputs) throw new BatchNormError(`${name}.x[${i}] must have ${inputs} values; got ${Array.isArray(row) ? row.length : typeof row}.`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new BatchNormError(`${name}.x[${i}][${j}] is ${String(v)}: every pixel must be a finite number.`);
      x[i * inputs + j] = v;
    });
  });
  const y = Int32Array.from(data.y, (label, i) => {
    if (!Number.isInteger(label) || label < 0 || label >= LAYER_SIZES[LAYER_SIZES.length - 1]) throw new BatchNormError(`${name}.y[${i}] must be a digit 0–9; got ${String(label)}.`);
    return label;
  });
  return { x, y };
}

/** A training run that advances step by step, so a worker can stream progress and pause between chunks. */
export class Figure1Trainer {
  readonly network: Figure1Network;
  readonly result: Figure1Result = { step: [], testAccuracy: [], percentiles: [] };
  stepsDone = 0;
  private readonly options: Required<Omit<Figure1Options, 'onProgress'>>;
  private readonly train: { x: Float64Array; y: Int32Array };
  private readonly test: { x: Float64Array; y: Int32Array };
  private readonly random: () => number;
  private order: number[] = [];
  private cursor = 0;
  private readonly batchX: Float64Array;
  private readonly batchY: Int32Array;

  constructor(data: SplitDataset, options: Figure1Options) {
    const { batchNorm, steps, seed } = options;
    const { learningRate, initStd, batchSize, evalEvery } = { ...DEFAULTS, ...stripUndefined(options) };
    checkWhole(steps, 'steps', 1, MAX_STEPS);
    checkWhole(seed, 'seed', 0, 2 ** 32 - 1);
    checkPositive(learningRate, 'learningRate');
    checkPositive(initStd, 'initStd');
    checkWhole(evalEvery, 'evalEvery', 1, MAX_STEPS);
    this.train = flatten(data?.train, 'train');
    this.test = flatten(data?.test, 'test');
    checkWhole(batchSize, 'batchSize', 2, this.train.y.length);
    this.options = { batchNorm, steps, seed, learningRate, initStd, batchSize, evalEvery };
    this.network = new Figure1Network(batchNorm, initStd, seed);
    this.random = uniformGenerator(seed ^ 0x5bd1e995);
    this.batchX = new Float64Array(batchSize * LAYER_SIZES[0]);
    this.batchY = new Int32Array(batchSize);
    this.record();
  }

  get done(): boolean {
    return this.stepsDone >= this.options.steps;
  }

  /** Trains up to `count` more steps (never past `steps`), evaluating on schedule; returns the steps taken. */
  advance(count: number): number {
    const { steps, evalEvery, batchSize, learningRate } = this.options;
    const inputs = LAYER_SIZES[0];
    let taken = 0;
    while (taken < count && this.stepsDone < steps) {
      for (let b = 0; b < batchSize; b++) {
        if (this.cursor === this.order.length) {
          this.order = permutation(this.train.y.length, this.random);
          this.cursor = 0;
        }
        const index = this.order[this.cursor++];
        this.batchX.set(this.train.x.subarray(index * inputs, (index + 1) * inputs), b * inputs);
        this.batchY[b] = this.train.y[index];
      }
      this.network.trainStep(this.batchX, this.batchY, learningRate);
      this.stepsDone++;
      taken++;
      if (this.stepsDone % evalEvery === 0 || this.stepsDone === steps) this.record();
    }
    return taken;
  }

  private record(): void {
    const { accuracy, tracked } = this.network.evaluate(this.test.x, this.test.y);
    const sorted = Float64Array.from(tracked).sort();
    this.result.step.push(this.stepsDone);
    this.result.testAccuracy.push(accuracy);
    this.result.percentiles.push(PERCENTILES.map((p) => percentile(sorted, p)) as [number, number, number]);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Trains one network of Figure 1 for `options.steps` steps and returns what it recorded. */
export function runFigure1(data: SplitDataset, options: Figure1Options): Figure1Result {
  const trainer = new Figure1Trainer(data, options);
  const evalEvery = options.evalEvery ?? DEFAULTS.evalEvery;
  options.onProgress?.(trainer.result);
  while (!trainer.done) {
    trainer.advance(evalEvery);
    options.onProgress?.(trainer.result);
  }
  return trainer.result;
}

