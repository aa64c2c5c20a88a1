/**
 * Per-feature mean and biased variance of a batch, in two passes: first the mean, then the mean of
 * the squared deviations from it. (The one-pass E[x²] − E[x]² loses every digit when the values sit
 * far from zero, such as 1e9 plus small noise.)
 *
 * `columnStats` sums in NumPy's order, so that `batchNormalize` agrees with NumPy to the last bit:
 * reducing a C-ordered (m, n) array over axis 0 adds the rows one after another
 * (`sum[j] += x[i][j]`) when n > 1, but when n = 1 the column is contiguous and NumPy switches to
 * pairwise summation. `channelStats`, for the layers, is free to be more accurate than that.
 */
import type { Matrix } from './matrix.ts';

/** Mean and biased variance (dividing by the count, NumPy's `np.var` default) of each feature. */
export interface FeatureStats {
  mean: Float64Array;
  variance: Float64Array;
}

/**
 * How a batch is laid out in a flat array: `batch` examples, each with `channels` features of
 * `positions` values (H × W for an image; 1 for a plain feature vector). Element (n, c, p) is
 * `data[(n * channels + c) * positions + p]`, as in PyTorch's NCHW.
 */
export interface ChannelLayout {
  batch: number;
  channels: number;
  positions: number;
}

/** NumPy's pairwise sum of `n` values of `a` (numpy/_core/src/umath/loops_utils.h.src). */
export function pairwiseSum(a: Float64Array, n: number, offset = 0): number {
  if (n < 8) {
    let sum = -0;
    for (let i = 0; i < n; i++) sum += a[offset + i];
    return sum;
  }
  if (n <= 128) {
    const r = a.slice(offset, offset + 8);
    const blocks = n - (n % 8);
    for (let i = 8; i < blocks; i += 8) {
      for (let k = 0; k < 8; k++) r[k] += a[offset + i + k];
    }
    // prettier-ignore
    let sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (let i = blocks; i < n; i++) sum += a[offset + i];
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, half, offset) + pairwiseSum(a, n - half, offset + half);
}

/**
 * Mean and biased variance of every channel, over the batch and all positions, as accurately as
 * float64 allows (for the layers, which need not follow NumPy's order). The mean sums deviations
 * from each channel's first value, so 1e9 plus small noise loses nothing to large partial sums;
 * the variance is the corrected two-pass formula, (Σd² − (Σd)²/n)/n with d = x − mean.
 */
export function channelStats(data: Float64Array, layout: ChannelLayout): FeatureStats {
  const { batch, channels, positions } = layout;
  if (positions === 1) return featureStats(data, batch, channels);
  const count = batch * positions;
  const shift = Float64Array.from({ length: channels }, (_, c) => data[c * positions]);
  const mean = new Float64Array(channels);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const start = (n * channels + c) * positions;
      const k = shift[c];
      let sum = 0;
      for (let i = start; i < start + positions; i++) sum += data[i] - k;
      mean[c] += sum;
    }
  }
  for (let c = 0; c < channels; c++) mean[c] = shift[c] + mean[c] / count;
  const sums = new Float64Array(channels);
  const squares = new Float64Array(channels);
  for (let n = 0; n < batch; n++) {
    for (let c = 0; c < channels; c++) {
      const start = (n * channels + c) * positions;
      const mu = mean[c];
      let sum = 0;
      let square = 0;
      for (let i = start; i < start + positions; i++) {
        const d = data[i] - mu;
        sum += d;
        square += d * d;
      }
      sums[c] += sum;
      squares[c] += square;
    }
  }
  const variance = squares.map((square, c) => Math.max(0, (square - (sums[c] * sums[c]) / count) / count));
  return { mean, variance };
}

/**
 * `channelStats` for one position per channel (rows of features, as BatchNorm1d has): the same
 * sums in the same order, so the same numbers to the last bit, without an inner loop of length 1
 * for every value, which made it several times slower (it runs in the Figure 1 training loop).
 */
function featureStats(data: Float64Array, rows: number, cols: number): FeatureStats {
  const shift = data.slice(0, cols);
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) mean[c] += data[row + c] - shift[c];
  }
  for (let c = 0; c < cols; c++) mean[c] = shift[c] + mean[c] / rows;
  const sums = new Float64Array(cols);
  const squares = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const row = r * cols;
    for (let c = 0; c < cols; c++) {
      const d = data[row + c] - mean[c];
      sums[c] += d;
      squares[c] += d * d;
    }
  }
  const variance = squares.map((square, c) => Math.max(0, (square - (sums[c] * sums[c]) / rows) / rows));
  return { mean, variance };
}

/** Mean and biased variance of every column of a matrix, bit for bit as `np.mean` and `np.var` over axis 0. */
export function columnStats(x: Matrix): FeatureStats {
  const { rows: m, cols: n, data } = x;
  if (n === 1) {
    const mean = pairwiseSum(data, m) / m;
    const variance = pairwiseSum(data.map((v) => (v - mean) * (v - mean)), m) / m;
    return { mean: Float64Array.of(mean), variance: Float64Array.of(variance) };
  }
  // -0 is the identity of floating-point addition, as NumPy's copy of the first row is.
  const mean = new Float64Array(n).fill(-0);
  const variance = new Float64Array(n).fill(-0);
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) mean[j] += data[row + j];
  }
  for (let j = 0; j < n; j++) mean[j] /= m;
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const deviation = data[row + j] - mean[j];
      variance[j] += deviation * deviation;
    }
  }
  for (let j = 0; j < n; j++) variance[j] /= m;
  return { mean, variance };
}

/**
 * The p-th percentile (0–100) of values sorted in ascending order, interpolating linearly between
 * the two nearest ranks, exactly as NumPy's default `np.percentile` (method "linear") computes it.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const position = (sorted.length - 1) * (p / 100);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const t = position - lower;
  const a = sorted[lower];
  const difference = sorted[upper] - a;
  return t >= 0.5 ? sorted[upper] - difference * (1 - t) : a + difference * t;
}
