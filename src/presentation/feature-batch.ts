/**
 * The mini-batch drawn on the slide "The idea": three features on different scales, before and
 * after normalization, made by the site's own `batchNormalize` from seeded random numbers.
 */
import { batchNormalize, columnStats, matrixFromRows } from '../lib/batchnorm.ts';
import { normalGenerator } from '../lib/random.ts';

/** The mean and standard deviation each feature is drawn with. */
const features = [
  { mean: 1.5, std: 0.6 },
  { mean: -2, std: 2.2 },
  { mean: 6, std: 1.2 },
];

/** Examples in the batch. */
const m = 10;

const normal = normalGenerator(390);
/** One row per example, one column per feature, rounded to 2 decimals so the numbers read well. */
const before = Array.from({ length: m }, () => features.map(({ mean, std }) => Math.round(100 * (mean + std * normal())) / 100));
const after = batchNormalize(before);

/** Each feature's batch mean and (biased) standard deviation. */
function summary(rows: number[][]): { mean: number; std: number }[] {
  const { mean, variance } = columnStats(matrixFromRows(rows));
  return Array.from(mean, (mu, j) => ({ mean: mu, std: Math.sqrt(variance[j]) }));
}

export const featureBatch = {
  before,
  after,
  beforeStats: summary(before),
  afterStats: summary(after),
};
