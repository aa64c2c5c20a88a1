/**
 * Seeded batches of one feature drawn from a few distributions with different shapes (symmetric,
 * flat, skewed, two modes, outliers), for showing what normalization does and does not change.
 */
import { normalGenerator, uniformGenerator } from './random.ts';

export const distributions = [
  { id: 'normal', label: 'Normal N(5, 2²)' },
  { id: 'uniform', label: 'Uniform on [0, 10]' },
  { id: 'exponential', label: 'Exponential with mean 2 (skewed right)' },
  { id: 'bimodal', label: 'Two modes: N(2, 1) or N(8, 1), half each' },
  { id: 'outliers', label: 'Normal N(5, 2²) with a few outliers near 40' },
] as const;

export type DistributionId = (typeof distributions)[number]['id'];

export function isDistributionId(id: string): id is DistributionId {
  return distributions.some((d) => d.id === id);
}

/** The outliers in a batch of the 'outliers' distribution: 1 value in 100, at least one. */
export function outlierCount(size: number): number {
  return Math.max(1, Math.round(size / 100));
}

/** Outliers are uniform on [OUTLIER_LOW, OUTLIER_HIGH]. */
const OUTLIER_LOW = 35;
const OUTLIER_HIGH = 45;

/** A second seed for a second stream of numbers, far from the first in the generator's cycle. */
function otherSeed(seed: number): number {
  return (seed ^ 0x5bd1e995) >>> 0;
}

/**
 * `size` values drawn from the distribution, the same for the same seed everywhere. In the
 * 'outliers' batch exactly `outlierCount(size)` values, spread evenly through it, are outliers.
 */
export function sampleBatch(id: DistributionId, size: number, seed: number): Float64Array {
  if (!Number.isInteger(size) || size < 1 || size > 1_000_000) {
    throw new RangeError(`A batch needs a whole number of values from 1 to 1,000,000; got ${size}.`);
  }
  const uniform = uniformGenerator(seed);
  const normal = normalGenerator(otherSeed(seed));
  const values = new Float64Array(size);
  const outliers = outlierCount(size);
  for (let i = 0; i < size; i++) {
    switch (id) {
      case 'normal':
        values[i] = 5 + 2 * normal();
        break;
      case 'uniform':
        values[i] = 10 * uniform();
        break;
      case 'exponential':
        values[i] = -2 * Math.log(1 - uniform()); // inverse CDF; 1 − u is in (0, 1]
        break;
      case 'bimodal':
        values[i] = (uniform() < 0.5 ? 2 : 8) + normal();
        break;
      case 'outliers': {
        // Value i is an outlier when the running share of outliers steps up at i.
        const isOutlier = Math.floor(((i + 1) * outliers) / size) > Math.floor((i * outliers) / size);
        values[i] = isOutlier ? OUTLIER_LOW + (OUTLIER_HIGH - OUTLIER_LOW) * uniform() : 5 + 2 * normal();
        break;
      }
    }
  }
  return values;
}

/**
 * The mean and standard deviation of the distribution a batch is drawn from. For 'outliers' it
 * is the mixture with the batch's share of outliers, `outlierCount(size) / size`.
 */
export function distributionMoments(id: DistributionId, size: number): { mean: number; std: number } {
  switch (id) {
    case 'normal':
      return { mean: 5, std: 2 };
    case 'uniform':
      return { mean: 5, std: 10 / Math.sqrt(12) };
    case 'exponential':
      return { mean: 2, std: 2 };
    case 'bimodal':
      return { mean: 5, std: Math.sqrt(1 + 9) }; // within-mode variance 1, plus the modes' spread (±3)²
    case 'outliers': {
      const p = outlierCount(size) / size;
      const outlierMean = (OUTLIER_LOW + OUTLIER_HIGH) / 2;
      const outlierVariance = (OUTLIER_HIGH - OUTLIER_LOW) ** 2 / 12;
      const mean = (1 - p) * 5 + p * outlierMean;
      const variance = (1 - p) * 4 + p * outlierVariance + p * (1 - p) * (outlierMean - 5) ** 2;
      return { mean, std: Math.sqrt(variance) };
    }
  }
}
