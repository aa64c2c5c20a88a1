/**
 * Batch Normalization from scratch, as the Tutorial builds it step by step: plain arrays and loops,
 * written to be read. Each `#region` is one step of the Tutorial page, which shows it next to its
 * output. The tests check every function against the library's BatchNorm1d and BatchNorm2d.
 * x has one row per example and one column per feature: x[i][j] is feature j of example i.
 */

// #region step-1
/** The mean of every feature (column) over the mini-batch: μ_j = (1/m) Σ_i x_ij. */
export function featureMeans(x: number[][]): number[] {
  const m = x.length;
  return x[0].map((_, j) => {
    let sum = 0;
    for (const row of x) sum += row[j];
    return sum / m;
  });
}

/** The biased variance of every feature, around the given means: σ²_j = (1/m) Σ_i (x_ij − μ_j)². */
export function featureVariances(x: number[][], mean: number[]): number[] {
  const m = x.length;
  return mean.map((mu, j) => {
    let sum = 0;
    for (const row of x) sum += (row[j] - mu) ** 2;
    return sum / m;
  });
}
// #endregion step-1

// #region step-2
/** x̂_ij = (x_ij − μ_j) / √(σ²_j + ε): every feature with mean 0 and variance σ²/(σ² + ε) ≈ 1. */
export function normalize(x: number[][], mean: number[], variance: number[], eps: number): number[][] {
  return x.map((row) => row.map((value, j) => (value - mean[j]) / Math.sqrt(variance[j] + eps)));
}
// #endregion step-2

// #region step-3
/** y_ij = γ_j x̂_ij + β_j: a learned scale and shift per feature. */
export function scaleAndShift(xhat: number[][], gamma: number[], beta: number[]): number[][] {
  return xhat.map((row) => row.map((value, j) => gamma[j] * value + beta[j]));
}

/** What the backward pass will need from a training-mode forward pass. */
export interface ForwardCache {
  xhat: number[][];
  variance: number[];
  gamma: number[];
  eps: number;
}

/** The training-mode forward pass: Algorithm 1 of the paper, for every feature at once. */
export function batchNormForward(x: number[][], gamma: number[], beta: number[], eps = 1e-5) {
  const mean = featureMeans(x);
  const variance = featureVariances(x, mean);
  const xhat = normalize(x, mean, variance, eps);
  const y = scaleAndShift(xhat, gamma, beta);
  const cache: ForwardCache = { xhat, variance, gamma, eps };
  return { y, mean, variance, cache };
}
// #endregion step-3

// #region step-4
/** Running estimates of the mean and variance, kept during training for use at inference. */
export interface RunningStats {
  mean: number[];
  variance: number[];
}

/**
 * r ← (1 − momentum)·r + momentum·(batch statistic), PyTorch's convention (momentum 0.1 by default).
 * The variance enters unbiased, multiplied by m/(m − 1), as in the paper's Algorithm 2.
 */
export function updateRunningStats(running: RunningStats, mean: number[], variance: number[], m: number, momentum = 0.1): RunningStats {
  return {
    mean: running.mean.map((r, j) => (1 - momentum) * r + momentum * mean[j]),
    variance: running.variance.map((r, j) => (1 - momentum) * r + momentum * variance[j] * (m / (m - 1))),
  };
}

/** Inference: the same transform with the running statistics, so each example is treated alone. */
export function batchNormInference(x: number[][], running: RunningStats, gamma: number[], beta: number[], eps = 1e-5): number[][] {
  return scaleAndShift(normalize(x, running.mean, running.variance, eps), gamma, beta);
}
// #endregion step-4

// #region step-5
/**
 * The backward pass, given dL/dy for a training-mode forward pass, in its simplified form:
 * dx_ij = γ_j / (m √(σ²_j + ε)) · (m dy_ij − Σ_k dy_kj − x̂_ij Σ_k dy_kj x̂_kj).
 */
export function batchNormBackward(dy: number[][], cache: ForwardCache) {
  const { xhat, variance, gamma, eps } = cache;
  const m = dy.length;
  const dbeta = gamma.map((_, j) => dy.reduce((sum, row) => sum + row[j], 0));
  const dgamma = gamma.map((_, j) => dy.reduce((sum, row, i) => sum + row[j] * xhat[i][j], 0));
  const dx = dy.map((row, i) =>
    row.map((d, j) => (gamma[j] / (m * Math.sqrt(variance[j] + eps))) * (m * d - dbeta[j] - xhat[i][j] * dgamma[j])),
  );
  return { dx, dgamma, dbeta };
}

/** The same gradient by the paper's chain rule, one intermediate at a time (Section 3 of the paper). */
export function batchNormBackwardStepwise(dy: number[][], x: number[][], mean: number[], cache: ForwardCache): number[][] {
  const { variance, gamma, eps } = cache;
  const m = dy.length;
  const dx = dy.map((row) => row.map(() => 0));
  gamma.forEach((g, j) => {
    const invStd = 1 / Math.sqrt(variance[j] + eps);
    let dvar = 0; // ∂L/∂σ²
    let dmean = 0; // ∂L/∂μ
    let deviations = 0;
    for (let i = 0; i < m; i++) {
      const dxhat = dy[i][j] * g; // ∂L/∂x̂_i = ∂L/∂y_i · γ
      dvar += dxhat * (x[i][j] - mean[j]) * -0.5 * invStd ** 3;
      dmean += -dxhat * invStd;
      deviations += x[i][j] - mean[j];
    }
    dmean += (dvar * -2 * deviations) / m; // 0 for the exact mean, kept as in the paper
    for (let i = 0; i < m; i++) {
      dx[i][j] = dy[i][j] * g * invStd + (dvar * 2 * (x[i][j] - mean[j])) / m + dmean / m;
    }
  });
  return dx;
}
// #endregion step-5

// #region step-6
/**
 * For images x[n][c][h][w], each channel c is one feature: its statistics run over the batch and
 * every pixel position, so all locations of a feature map are normalized alike.
 */
export function channelStatistics(x: number[][][][]): { mean: number[]; variance: number[] } {
  const channels = x[0].length;
  const mean = new Array<number>(channels).fill(0);
  const variance = new Array<number>(channels).fill(0);
  for (let c = 0; c < channels; c++) {
    const values = x.flatMap((image) => image[c].flat()); // batch × height × width values
    for (const v of values) mean[c] += v;
    mean[c] /= values.length;
    for (const v of values) variance[c] += (v - mean[c]) ** 2;
    variance[c] /= values.length;
  }
  return { mean, variance };
}
// #endregion step-6

// #region step-7
/** A linear layer: y_j = Σ_k weight[j][k] · x_k + bias[j], for every example (row) of x. */
export function linear(x: number[][], weight: number[][], bias: number[]): number[][] {
  return x.map((row) => weight.map((w, j) => w.reduce((sum, wk, k) => sum + wk * row[k], bias[j])));
}

/**
 * Folds an inference-mode Batch Norm into the linear layer before it: with s = γ/√(σ² + ε),
 * BN(Wx + b) = (sW)x + (s(b − μ) + β), one linear layer and no normalization left to compute.
 */
export function foldIntoLinear(weight: number[][], bias: number[], running: RunningStats, gamma: number[], beta: number[], eps = 1e-5) {
  const scale = gamma.map((g, j) => g / Math.sqrt(running.variance[j] + eps));
  return {
    weight: weight.map((row, j) => row.map((w) => w * scale[j])),
    bias: bias.map((b, j) => (b - running.mean[j]) * scale[j] + beta[j]),
  };
}
// #endregion step-7
