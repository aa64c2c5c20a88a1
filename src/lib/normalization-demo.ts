/**
 * The numbers behind the "before and after normalization" histograms: a seeded batch of one
 * feature, Batch Normalization of it (γ = 1, β = 0), the statistics of both, and histograms whose
 * bins correspond. The after-axis is fixed to [−4, 4]; the before-axis is its preimage, the
 * batch's mean ± 4 √(var + ε), so both histograms use the same bins in their own units.
 */
import { batchNormalizeMatrix, columnStats, createMatrix } from './batchnorm.ts';
import { distributionMoments, sampleBatch, type DistributionId } from './distributions.ts';
import { histogram, type Domain, type Histogram } from './histogram.ts';

export const BATCH_SIZES = [8, 16, 32, 64, 128, 256, 512, 1024] as const;
export const DEFAULT_BATCH_SIZE = 256;
export const DEFAULT_DISTRIBUTION: DistributionId = 'normal';
export const FIRST_SEED = 1;
/** PyTorch's and the original example's default ε. */
export const EPSILON = 1e-5;
/** The after-normalization axis; values beyond it are counted in the edge bins. */
export const NORMALIZED_DOMAIN: Domain = [-4, 4];

export function isBatchSize(size: number): boolean {
  return (BATCH_SIZES as readonly number[]).includes(size);
}

/** Bins over [−4, 4] of width 1, 0.5 or 0.25: fewer for small batches, so that bars are not mostly empty. */
export function binCountFor(size: number): number {
  if (size < 32) return 8;
  if (size < 128) return 16;
  return 32;
}

export interface BatchSummary {
  mean: number;
  /** The biased variance, dividing by the batch size, as normalization does. */
  variance: number;
  /** √variance. */
  std: number;
  min: number;
  max: number;
}

export interface NormalizationDemo {
  distribution: DistributionId;
  size: number;
  seed: number;
  epsilon: number;
  values: Float64Array;
  normalized: Float64Array;
  before: BatchSummary;
  after: BatchSummary;
  /** What the distribution itself has, which the batch's mean and std estimate. */
  expected: { mean: number; std: number };
  beforeDomain: Domain;
  beforeHistogram: Histogram;
  afterHistogram: Histogram;
}

/** Mean, biased standard deviation, minimum and maximum of a column of values. */
export function summarize(values: Float64Array): BatchSummary {
  const { mean, variance } = columnStats(createMatrix(values.length, 1, values));
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    min = Math.min(min, x);
    max = Math.max(max, x);
  }
  return { mean: mean[0], variance: variance[0], std: Math.sqrt(variance[0]), min, max };
}

/** Normalizes a batch of one feature with Batch Normalization, γ = 1 and β = 0. */
export function normalizeFeature(values: Float64Array, epsilon = EPSILON): Float64Array {
  return batchNormalizeMatrix(createMatrix(values.length, 1, values), epsilon).data;
}

/** Draws the batch, normalizes it and counts both into corresponding bins. */
export function normalizationDemo(distribution: DistributionId, size: number, seed: number, epsilon = EPSILON): NormalizationDemo {
  const values = sampleBatch(distribution, size, seed);
  const normalized = normalizeFeature(values, epsilon);
  const before = summarize(values);
  const after = summarize(normalized);
  const bins = binCountFor(size);
  // The preimage of [−4, 4]: normalization divides by √(var + ε), which only a constant batch with ε = 0 makes 0.
  const root = Math.sqrt(before.variance + epsilon);
  const scale = root > 0 && Number.isFinite(root) ? root : 1;
  const [low, high] = NORMALIZED_DOMAIN;
  const beforeDomain: Domain = [before.mean + low * scale, before.mean + high * scale];
  return {
    distribution,
    size,
    seed,
    epsilon,
    values,
    normalized,
    before,
    after,
    expected: distributionMoments(distribution, size),
    beforeDomain,
    beforeHistogram: histogram(values, { domain: beforeDomain, bins }),
    afterHistogram: histogram(normalized, { domain: NORMALIZED_DOMAIN, bins }),
  };
}
