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
import { BatchNormError, createMatrix, matrixFromRows, matrixToRows, type Matrix } from './matrix.ts';
import { columnStats, type FeatureStats } from './statistics.ts';

export { BatchNormError, createMatrix, matrixFromRows, matrixToRows, type Matrix } from './matrix.ts';
export { channelStats, columnStats, type ChannelLayout, type FeatureStats } from './statistics.ts';
export {
  BatchNorm1d,
  BatchNorm2d,
  momentumFromKeras,
  momentumToKeras,
  tensorFromNested,
  tensorToNested,
  type BatchNormOptions,
  type Gradients,
  type Tensor4d,
} from './batchnorm-layer.ts';

/** Throws unless epsilon is a finite number ≥ 0. */
export function checkEpsilon(epsilon: number): void {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon < 0) {
    throw new BatchNormError(`epsilon must be a finite number ≥ 0; got ${String(epsilon)}.`);
  }
}

/**
 * `(x − mean) / sqrt(variance + epsilon)` for every column, given the column statistics. Writes into
 * `out` when given (it may be `x` itself), which spares allocating a new matrix on every call.
 */
export function normalizeColumns(x: Matrix, stats: FeatureStats, epsilon: number, out = createMatrix(x.rows, x.cols)): Matrix {
  const { mean, variance } = stats;
  const std = variance.map((v) => Math.sqrt(v + epsilon)); // np.sqrt(batch_var + epsilon)
  if (out.rows !== x.rows || out.cols !== x.cols) {
    throw new BatchNormError(`The output must have the input's shape (${x.rows}, ${x.cols}); got (${out.rows}, ${out.cols}).`);
  }
  for (let i = 0; i < x.rows; i++) {
    const row = i * x.cols;
    for (let j = 0; j < x.cols; j++) {
      out.data[row + j] = (x.data[row + j] - mean[j]) / std[j];
    }
  }
  return out;
}

/** Normalizes every column of `x` to mean 0 and variance var / (var + epsilon), into `out` if given. */
export function batchNormalizeMatrix(x: Matrix, epsilon = 1e-5, out?: Matrix): Matrix {
  checkEpsilon(epsilon);
  return normalizeColumns(x, columnStats(x), epsilon, out); // batch_mean, batch_var, X_normalized
}

/**
 * The original `batch_normalize(X, epsilon=1e-5)`: each column minus its mean, divided by
 * sqrt(variance + epsilon). Throws `BatchNormError` for an empty or ragged matrix, a value
 * that is not a finite number, or an epsilon that is negative or not finite.
 */
export function batchNormalize(X: number[][], epsilon = 1e-5): number[][] {
  return matrixToRows(batchNormalizeMatrix(matrixFromRows(X), epsilon));
}
