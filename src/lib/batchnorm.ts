/**
 * Batch normalization of a mini-batch, as in the original NumPy example:
 *
 *     batch_mean = np.mean(X, axis=0)
 *     batch_var = np.var(X, axis=0)
 *     X_normalized = (X - batch_mean) / np.sqrt(batch_var + epsilon)
 *
 * Rows are examples, columns are features. Float64 throughout, with the same operations in the
 * same order as NumPy, so the results agree with NumPy's to the last bit.
 */
import { pairwiseSum } from './summation.ts';
import { BatchNormError, createMatrix, matrixFromRows, matrixToRows, type Matrix } from './matrix.ts';

export { BatchNormError, createMatrix, matrixFromRows, matrixToRows, type Matrix } from './matrix.ts';

/** Per-column statistics of a mini-batch. */
export interface ColumnStats {
  mean: Float64Array;
  /** Biased variance: the mean squared deviation, dividing by m (NumPy's `np.var` default). */
  variance: Float64Array;
}

/**
 * Mean and biased variance of every column, in two passes: first the mean, then the mean of the
 * squared deviations from it. (The one-pass E[x²] − E[x]² loses every digit when the values sit
 * far from zero, such as 1e9 plus small noise.) The sums run in NumPy's order: row after row,
 * or pairwise when there is a single column.
 */
export function columnStats(x: Matrix): ColumnStats {
  const { rows: m, cols: n, data } = x;
  // -0 is the identity of floating-point addition, as NumPy's copy of the first row is.
  const mean = new Float64Array(n).fill(-0);
  const variance = new Float64Array(n).fill(-0);
  if (n === 1) {
    mean[0] = pairwiseSum(data, m) / m;
    variance[0] = pairwiseSum(data.map((v) => (v - mean[0]) * (v - mean[0])), m) / m;
    return { mean, variance };
  }
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

/** Throws unless epsilon is a finite number ≥ 0. */
export function checkEpsilon(epsilon: number): void {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon < 0) {
    throw new BatchNormError(`epsilon must be a finite number ≥ 0; got ${String(epsilon)}.`);
  }
}

/** `(x − mean) / sqrt(variance + epsilon)` for every column, given the column statistics. */
export function normalizeColumns(x: Matrix, stats: ColumnStats, epsilon: number): Matrix {
  const { mean, variance } = stats;
  const std = variance.map((v) => Math.sqrt(v + epsilon)); // np.sqrt(batch_var + epsilon)
  const out = createMatrix(x.rows, x.cols);
  for (let i = 0; i < x.rows; i++) {
    const row = i * x.cols;
    for (let j = 0; j < x.cols; j++) {
      out.data[row + j] = (x.data[row + j] - mean[j]) / std[j];
    }
  }
  return out;
}

/** Normalizes every column of `x` to mean 0 and variance var / (var + epsilon). */
export function batchNormalizeMatrix(x: Matrix, epsilon = 1e-5): Matrix {
  checkEpsilon(epsilon);
  return normalizeColumns(x, columnStats(x), epsilon); // batch_mean, batch_var, X_normalized
}

/**
 * The original `batch_normalize(X, epsilon=1e-5)`: each column minus its mean, divided by
 * sqrt(variance + epsilon). Throws `BatchNormError` for an empty or ragged matrix, a value
 * that is not a finite number, or an epsilon that is negative or not finite.
 */
export function batchNormalize(X: number[][], epsilon = 1e-5): number[][] {
  return matrixToRows(batchNormalizeMatrix(matrixFromRows(X), epsilon));
}
