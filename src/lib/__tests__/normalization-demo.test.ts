import { describe, expect, it } from 'vitest';
import { distributionMoments, distributions, outlierCount, sampleBatch } from '../distributions.ts';
import { BATCH_SIZES, binCountFor, normalizationDemo, normalizeFeature, summarize } from '../normalization-demo.ts';

describe('sampleBatch', () => {
  it('is deterministic: the same seed gives the same batch, another seed another batch', () => {
    for (const { id } of distributions) {
      expect(sampleBatch(id, 64, 7)).toEqual(sampleBatch(id, 64, 7));
      expect(sampleBatch(id, 64, 7)).not.toEqual(sampleBatch(id, 64, 8));
    }
  });

  it('draws from the right distribution: a large batch has about its mean and std', () => {
    for (const { id } of distributions) {
      const size = 100_000;
      const { mean, std } = summarize(sampleBatch(id, size, 12345));
      const expected = distributionMoments(id, size);
      // The standard error of the mean is std / √n ≈ 0.01; allow 5 of them.
      expect(Math.abs(mean - expected.mean), id).toBeLessThan(0.05 * expected.std + 0.01);
      expect(Math.abs(std / expected.std - 1), id).toBeLessThan(0.02);
    }
  });

  it('gives each distribution its shape', () => {
    const uniform = summarize(sampleBatch('uniform', 10_000, 3));
    expect(uniform.min).toBeGreaterThanOrEqual(0);
    expect(uniform.max).toBeLessThan(10);
    const exponential = sampleBatch('exponential', 10_000, 3);
    expect(Math.min(...exponential)).toBeGreaterThanOrEqual(0);
    // Skewed right: the median (2 ln 2 ≈ 1.39) is well below the mean (2).
    const sorted = Float64Array.from(exponential).sort();
    expect(sorted[5000]).toBeGreaterThan(1.3);
    expect(sorted[5000]).toBeLessThan(1.5);
    // Two modes: few values near the middle, 5, compared with near 2 or 8.
    const bimodal = Array.from(sampleBatch('bimodal', 10_000, 3));
    const near = (c: number) => bimodal.filter((x) => Math.abs(x - c) < 0.5).length;
    expect(near(5)).toBeLessThan(near(2) / 10);
    expect(near(8)).toBeGreaterThan(1500);
  });

  it('puts exactly 1 outlier in 100 (at least one) in the outliers batch', () => {
    for (const size of BATCH_SIZES) {
      const batch = sampleBatch('outliers', size, 5);
      expect(batch.filter((x) => x >= 35 && x <= 45).length, `size ${size}`).toBe(outlierCount(size));
    }
    expect(outlierCount(8)).toBe(1);
    expect(outlierCount(256)).toBe(3);
    expect(outlierCount(1024)).toBe(10);
  });

  it('rejects a batch size that is not a positive whole number', () => {
    expect(() => sampleBatch('normal', 0, 1)).toThrow(RangeError);
    expect(() => sampleBatch('normal', 2.5, 1)).toThrow(RangeError);
  });
});

describe('normalizationDemo', () => {
  it('normalizes to mean 0 and std √(var / (var + ε)), as batchNormalize does', () => {
    for (const { id } of distributions) {
      for (const size of BATCH_SIZES) {
        const demo = normalizationDemo(id, size, 1);
        expect(Math.abs(demo.after.mean)).toBeLessThan(1e-14);
        const v = demo.before.variance;
        expect(demo.after.std).toBeCloseTo(Math.sqrt(v / (v + demo.epsilon)), 12);
      }
    }
  });

  it('counts every value in both histograms, in the same bins, whose shape normalization keeps', () => {
    for (const { id } of distributions) {
      for (const size of BATCH_SIZES) {
        for (let seed = 1; seed <= 20; seed++) {
          const demo = normalizationDemo(id, size, seed);
          expect(demo.beforeHistogram.total).toBe(size);
          expect(demo.afterHistogram.total).toBe(size);
          expect(demo.beforeHistogram.counts.length).toBe(binCountFor(size));
          // The before-bins are the preimage of the after-bins, so the counts agree bin for bin.
          expect(demo.beforeHistogram.counts, `${id}, ${size}, seed ${seed}`).toEqual(demo.afterHistogram.counts);
          expect(demo.beforeHistogram.above).toBe(demo.afterHistogram.above);
          expect(demo.beforeHistogram.below).toBe(demo.afterHistogram.below);
        }
      }
    }
  });

  it('shows the outliers beyond 4 standard deviations, counted in the last bin', () => {
    const demo = normalizationDemo('outliers', 256, 1);
    expect(demo.afterHistogram.above).toBe(3);
    expect(demo.after.max).toBeGreaterThan(4);
    // The outliers inflate the std, squeezing the normal part: most values sit within ±1.
    const inner = Array.from(demo.normalized).filter((x) => Math.abs(x) < 1).length;
    expect(inner / 256).toBeGreaterThan(0.9);
  });

  it('does not break on a constant batch (zero variance)', () => {
    const normalized = normalizeFeature(new Float64Array(16).fill(3));
    expect(Array.from(normalized)).toEqual(new Array(16).fill(0));
    const zeroEpsilon = normalizeFeature(new Float64Array(4).fill(3), 0);
    expect(zeroEpsilon.every(Number.isNaN)).toBe(true);
  });

  it('picks fewer bins for small batches', () => {
    expect(binCountFor(8)).toBe(8);
    expect(binCountFor(64)).toBe(16);
    expect(binCountFor(256)).toBe(32);
  });
});
