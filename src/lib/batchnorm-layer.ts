/**
 * The complete Batch Normalization layer, with PyTorch's semantics: learnable scale γ and shift β,
 * running statistics for inference, and a backward pass. `BatchNorm1d` takes rows of features
 * (N × C); `BatchNorm2d` takes images (N × C × H × W) with statistics per channel. Both share one
 * float64 core over a flat array; the nested-array methods are thin wrappers around it.
 */
import { BatchNormError, matrixFromRows, matrixToRows, type Matrix } from './matrix.ts';
import { channelStats, type ChannelLayout } from './statistics.ts';

/** Constructor options, with PyTorch's defaults. */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /**
   * Weight of the new batch in the running statistics, r ← (1 − momentum)·r + momentum·batch
   * (default 0.1). `null` averages all batches so far equally (a cumulative moving average).
   * Keras calls 1 − momentum its momentum: see `momentumFromKeras`.
   */
  momentum?: number | null;
  /** Whether γ and β are used (default true); without, y = x̂. */
  affine?: boolean;
  /** Whether running statistics are kept and used in eval mode (default true). */
  trackRunningStats?: boolean;
}

/** Gradients of a loss with respect to the input and the parameters. */
export interface Gradients<T> {
  dx: T;
  dgamma: number[];
  dbeta: number[];
}

/** A dense float64 image batch in NCHW order: element (n, c, h, w) is `data[((n·C + c)·H + h)·W + w]`. */
export interface Tensor4d {
  readonly shape: readonly [number, number, number, number];
  readonly data: Float64Array;
}

/** What the backward pass needs from the last forward pass. */
interface ForwardCache {
  layout: ChannelLayout;
  /** The input's shape, which dy must have. */
  shape: readonly number[];
  /** The normalized input, (x − μ)/√(σ² + ε). */
  xhat: Float64Array;
  /** 1/√(σ² + ε) per channel. */
  invStd: Float64Array;
  /** True when μ and σ² came from the batch itself, so they depend on x. */
  batchStatistics: boolean;
}

/**
 * Keras/TensorFlow's momentum (the weight of the old running value, typically 0.99) converted to
 * PyTorch's and this library's convention (the weight of the new batch, 0.01), and back with
 * `momentumToKeras`. The two always add up to 1; the result is rounded to 15 significant digits
 * so that 0.99 gives 0.01, not 0.010000000000000009.
 */
export function momentumFromKeras(kerasMomentum: number): number {
  checkMomentum(kerasMomentum, 'Keras momentum');
  return Number((1 - kerasMomentum).toPrecision(15));
}

/** This library's (PyTorch's) momentum converted to Keras/TensorFlow's: 0.1 gives 0.9. */
export function momentumToKeras(momentum: number): number {
  checkMomentum(momentum, 'momentum');
  return Number((1 - momentum).toPrecision(15));
}

function checkMomentum(momentum: number, name: string): void {
  if (typeof momentum !== 'number' || !Number.isFinite(momentum) || momentum < 0 || momentum > 1) {
    throw new BatchNormError(`${name} must be a number from 0 to 1; got ${String(momentum)}.`);
  }
}

/** The state and float64 core shared by `BatchNorm1d` and `BatchNorm2d`. */
abstract class BatchNormBase {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  /** Scale γ per feature, initially 1. Fixed at 1 when `affine` is false. */
  readonly gamma: Float64Array;
  /** Shift β per feature, initially 0. Fixed at 0 when `affine` is false. */
  readonly beta: Float64Array;
  /** Running estimate of each feature's mean, initially 0. */
  readonly runningMean: Float64Array;
  /** Running estimate of each feature's (unbiased) variance, initially 1. */
  readonly runningVar: Float64Array;
  /** Training-mode forward passes so far (PyTorch's `num_batches_tracked`). */
  numBatchesTracked = 0;
  /** Training mode (the default) normalizes with the batch's statistics; eval mode with the running ones. */
  training = true;
  private cache: ForwardCache | null = null;

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    const { eps = 1e-5, momentum = 0.1, affine = true, trackRunningStats = true } = options;
    if (!Number.isInteger(numFeatures) || numFeatures < 1) {
      throw new BatchNormError(`numFeatures must be a positive whole number; got ${String(numFeatures)}.`);
    }
    if (typeof eps !== 'number' || !Number.isFinite(eps) || eps < 0) {
      throw new BatchNormError(`eps must be a finite number ≥ 0; got ${String(eps)}.`);
    }
    if (momentum !== null) checkMomentum(momentum, 'momentum');
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
    this.gamma = new Float64Array(numFeatures).fill(1);
    this.beta = new Float64Array(numFeatures);
    this.runningMean = new Float64Array(numFeatures);
    this.runningVar = new Float64Array(numFeatures).fill(1);
  }

  /** Sets training mode (or eval mode with `false`); returns the layer. */
  train(mode = true): this {
    this.training = mode;
    return this;
  }

  /** Sets eval (inference) mode; returns the layer. */
  eval(): this {
    return this.train(false);
  }

  protected abstract describe(layout: ChannelLayout): string;

  /** The forward pass on a flat array; caches what `backwardCore` needs. */
  protected forwardCore(x: Float64Array, layout: ChannelLayout, shape: readonly number[]): Float64Array {
    const { batch, channels, positions } = layout;
    const count = batch * positions;
    const batchStatistics = this.training || !this.trackRunningStats;
    let mean: Float64Array;
    let variance: Float64Array;
    if (batchStatistics) {
      if (count < 2) {
        const when = this.training ? 'when training' : 'when normalizing with batch statistics (trackRunningStats is false)';
        throw new BatchNormError(
          `Expected more than 1 value per channel ${when}, got ${this.describe(layout)}: the variance of a single value is 0. Use a batch of 2 or more${this.training && this.trackRunningStats ? ', or call eval()' : ''}.`,
        );
      }
      ({ mean, variance } = channelStats(x, layout));
      if (this.training && this.trackRunningStats) this.updateRunningStats(mean, variance, count);
    } else {
      mean = this.runningMean;
      variance = this.runningVar;
    }
    const invStd = variance.map((v) => 1 / Math.sqrt(v + this.eps));
    const xhat = new Float64Array(x.length);
    const y = new Float64Array(x.length);
    // Each value's channel is c = ⌊i / positions⌋ mod channels. With one position per channel (N × C rows),
    // a loop over i with a running c does the same arithmetic as the nested loops, several times faster.
    if (positions === 1) {
      for (let i = 0, c = 0; i < x.length; i++, c = c + 1 === channels ? 0 : c + 1) {
        const normalized = (x[i] - mean[c]) * invStd[c];
        xhat[i] = normalized;
        y[i] = this.gamma[c] * normalized + this.beta[c];
      }
    } else {
      for (let n = 0; n < batch; n++) {
        for (let c = 0; c < channels; c++) {
          const start = (n * channels + c) * positions;
          const m = mean[c];
          const s = invStd[c];
          const g = this.gamma[c];
          const b = this.beta[c];
          for (let i = start; i < start + positions; i++) {
            const normalized = (x[i] - m) * s;
            xhat[i] = normalized;
            y[i] = g * normalized + b;
          }
        }
      }
    }
    this.cache = { layout, shape, xhat, invStd, batchStatistics };
    return y;
  }

  /** r ← (1 − f)·r + f·batch, with the unbiased variance, f = momentum or 1/(batches so far). */
  private updateRunningStats(mean: Float64Array, variance: Float64Array, count: number): void {
    this.numBatchesTracked += 1;
    const f = this.momentum ?? 1 / this.numBatchesTracked;
    const bessel = count / (count - 1);
    for (let c = 0; c < this.numFeatures; c++) {
      this.runningMean[c] = (1 - f) * this.runningMean[c] + f * mean[c];
      this.runningVar[c] = (1 - f) * this.runningVar[c] + f * variance[c] * bessel;
    }
  }

  /**
   * The backward pass for the last forward pass: given dL/dy, returns dL/dx, dL/dγ and dL/dβ.
   * With batch statistics, each dx depends on the whole batch:
   * dx = γ/√(σ²+ε) · (dy − mean(dy) − x̂ · mean(dy · x̂)), per channel.
   */
  protected backwardCore(dy: Float64Array, shape: readonly number[]): { dx: Float64Array; dgamma: Float64Array; dbeta: Float64Array } {
    const cache = this.cache;
    if (!cache) throw new BatchNormError('backward() needs a forward() first: there is no forward pass to differentiate.');
    const { layout, xhat, invStd, batchStatistics } = cache;
    if (shape.length !== cache.shape.length || shape.some((size, i) => size !== cache.shape[i])) {
      throw new BatchNormError(`dy must have the shape of the last forward pass's output, (${cache.shape.join(', ')}); got (${shape.join(', ')}).`);
    }
    const { batch, channels, positions } = layout;
    const count = batch * positions;
    const dbeta = new Float64Array(channels);
    const dgamma = new Float64Array(channels);
    const dx = new Float64Array(dy.length);
    if (positions === 1) {
      // One position per channel (N × C rows): the same sums and products as below, in the same order,
      // without an inner loop of length 1 per value, which made this several times slower.
      for (let i = 0, c = 0; i < dy.length; i++, c = c + 1 === channels ? 0 : c + 1) {
        dbeta[c] += dy[i];
        dgamma[c] += dy[i] * xhat[i];
      }
      // Per-channel factors first, then one pass in memory order (a pass per column would stride
      // through the whole array once per channel).
      const scale = this.gamma.map((g, c) => g * invStd[c]);
      const meanDy = dbeta.map((sum) => (batchStatistics ? sum / count : 0));
      const meanDyXhat = dgamma.map((sum) => (batchStatistics ? sum / count : 0));
      for (let i = 0, c = 0; i < dy.length; i++, c = c + 1 === channels ? 0 : c + 1) {
        dx[i] = scale[c] * (dy[i] - meanDy[c] - xhat[i] * meanDyXhat[c]);
      }
      return { dx, dgamma, dbeta };
    }
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        const start = (n * channels + c) * positions;
        let sumDy = 0;
        let sumDyXhat = 0;
        for (let i = start; i < start + positions; i++) {
          sumDy += dy[i];
          sumDyXhat += dy[i] * xhat[i];
        }
        dbeta[c] += sumDy;
        dgamma[c] += sumDyXhat;
      }
    }
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        const start = (n * channels + c) * positions;
        const scale = this.gamma[c] * invStd[c];
        const meanDy = batchStatistics ? dbeta[c] / count : 0;
        const meanDyXhat = batchStatistics ? dgamma[c] / count : 0;
        for (let i = start; i < start + positions; i++) {
          dx[i] = scale * (dy[i] - meanDy - xhat[i] * meanDyXhat);
        }
      }
    }
    return { dx, dgamma, dbeta };
  }
}

/** Batch Normalization over rows of features, like `torch.nn.BatchNorm1d` on (N, C) input. */
export class BatchNorm1d extends BatchNormBase {
  protected describe({ batch }: ChannelLayout): string {
    return `${batch} example of ${this.numFeatures} feature${this.numFeatures === 1 ? '' : 's'}`;
  }

  /** Checks that `x` has `numFeatures` columns. */
  private layoutOf(x: Matrix, name: string): ChannelLayout {
    if (x.cols !== this.numFeatures) {
      throw new BatchNormError(
        `BatchNorm1d(${this.numFeatures}) expects ${this.numFeatures} feature${this.numFeatures === 1 ? '' : 's'} (columns) per example; ${name} has ${x.cols}.`,
      );
    }
    return { batch: x.rows, channels: x.cols, positions: 1 };
  }

  /** The forward pass on a matrix (rows = examples): y = γ x̂ + β. */
  forwardMatrix(x: Matrix): Matrix {
    const layout = this.layoutOf(x, 'x');
    return { rows: x.rows, cols: x.cols, data: this.forwardCore(x.data, layout, [x.rows, x.cols]) };
  }

  /** The forward pass: y = γ (x − μ)/√(σ² + ε) + β per feature, with batch or running statistics. */
  forward(x: number[][]): number[][] {
    return matrixToRows(this.forwardMatrix(matrixFromRows(x, 'x')));
  }

  /** The backward pass on matrices, for the last forward pass. */
  backwardMatrix(dy: Matrix): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
    this.layoutOf(dy, 'dy');
    const { dx, dgamma, dbeta } = this.backwardCore(dy.data, [dy.rows, dy.cols]);
    return { dx: { rows: dy.rows, cols: dy.cols, data: dx }, dgamma, dbeta };
  }

  /** Given dL/dy for the last forward pass, returns dL/dx, dL/dγ and dL/dβ. */
  backward(dy: number[][]): Gradients<number[][]> {
    const { dx, dgamma, dbeta } = this.backwardMatrix(matrixFromRows(dy, 'dy'));
    return { dx: matrixToRows(dx), dgamma: Array.from(dgamma), dbeta: Array.from(dbeta) };
  }
}

/** Checks a nested N × C × H × W array and copies it into a `Tensor4d`; errors name the offending index. */
export function tensorFromNested(x: readonly (readonly (readonly (readonly number[])[])[])[], name = 'x'): Tensor4d {
  const shape: number[] = [];
  const data: number[] = [];
  const visit = (value: unknown, depth: number, path: string): void => {
    if (depth === 4) {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        const what = typeof value === 'number' ? String(value) : Array.isArray(value) ? 'an array' : `${JSON.stringify(value)} (${typeof value})`;
        throw new BatchNormError(`${path} is ${what}: every value must be a finite number.`);
      }
      data.push(value);
      return;
    }
    if (!Array.isArray(value)) {
      throw new BatchNormError(`${path} must be an array (${name} is N × C × H × W, four levels deep); got ${typeof value === 'number' ? 'a number' : String(value)}.`);
    }
    if (value.length === 0) throw new BatchNormError(`${path} is empty: every dimension needs at least one entry.`);
    if (shape[depth] === undefined) shape[depth] = value.length;
    else if (value.length !== shape[depth]) {
      throw new BatchNormError(`${path} has ${value.length} entries, but the first has ${shape[depth]}: ${name} must be rectangular.`);
    }
    value.forEach((item, i) => visit(item, depth + 1, `${path}[${i}]`));
  };
  visit(x, 0, name);
  return { shape: shape as unknown as Tensor4d['shape'], data: Float64Array.from(data) };
}

/** Copies a `Tensor4d` back into nested arrays. */
export function tensorToNested(t: Tensor4d): number[][][][] {
  const [n, c, h, w] = t.shape;
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: c }, (_, j) =>
      Array.from({ length: h }, (_, k) => Array.from(t.data.subarray(((i * c + j) * h + k) * w, ((i * c + j) * h + k + 1) * w))),
    ),
  );
}

/** Batch Normalization per channel of images, like `torch.nn.BatchNorm2d` on (N, C, H, W) input. */
export class BatchNorm2d extends BatchNormBase {
  protected describe({ batch, positions }: ChannelLayout): string {
    return `${batch} image of ${positions} pixel${positions === 1 ? '' : 's'} per channel`;
  }

  private layoutOf(x: Tensor4d, name: string): ChannelLayout {
    const [n, c, h, w] = x.shape;
    if (c !== this.numFeatures) {
      throw new BatchNormError(`BatchNorm2d(${this.numFeatures}) expects ${this.numFeatures} channels; ${name} has shape (${x.shape.join(', ')}) with ${c}.`);
    }
    if (x.data.length !== n * c * h * w) {
      throw new BatchNormError(`${name} has ${x.data.length} values, but shape (${x.shape.join(', ')}) needs ${n * c * h * w}.`);
    }
    return { batch: n, channels: c, positions: h * w };
  }

  /** The forward pass on a flat NCHW tensor. */
  forwardTensor(x: Tensor4d): Tensor4d {
    return { shape: x.shape, data: this.forwardCore(x.data, this.layoutOf(x, 'x'), x.shape) };
  }

  /** The forward pass, per channel over batch × height × width. */
  forward(x: number[][][][]): number[][][][] {
    return tensorToNested(this.forwardTensor(tensorFromNested(x, 'x')));
  }

  /** The backward pass on flat tensors, for the last forward pass. */
  backwardTensor(dy: Tensor4d): { dx: Tensor4d; dgamma: Float64Array; dbeta: Float64Array } {
    this.layoutOf(dy, 'dy');
    const { dx, dgamma, dbeta } = this.backwardCore(dy.data, dy.shape);
    return { dx: { shape: dy.shape, data: dx }, dgamma, dbeta };
  }

  /** Given dL/dy for the last forward pass, returns dL/dx (same shape), dL/dγ and dL/dβ. */
  backward(dy: number[][][][]): Gradients<number[][][][]> {
    const { dx, dgamma, dbeta } = this.backwardTensor(tensorFromNested(dy, 'dy'));
    return { dx: tensorToNested(dx), dgamma: Array.from(dgamma), dbeta: Array.from(dbeta) };
  }
}
