import { describe, expect, it } from 'vitest';
import { featureBatch } from '../feature-batch.ts';

describe('the mini-batch of the slide "The idea"', () => {
  it('starts with three features on clearly different scales', () => {
    const { beforeStats } = featureBatch;
    expect(beforeStats).toHaveLength(3);
    const means = beforeStats.map((s) => s.mean);
    const stds = beforeStats.map((s) => s.std);
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(4);
    expect(Math.max(...stds) / Math.min(...stds)).toBeGreaterThan(2);
  });

  it('ends with every feature at mean 0 and standard deviation just below 1', () => {
    for (const { mean, std } of featureBatch.afterStats) {
      expect(Math.abs(mean)).toBeLessThan(1e-14);
      expect(std).toBeGreaterThan(0.9999);
      expect(std).toBeLessThan(1);
    }
  });

  it('keeps each example in place within its feature: normalizing is an increasing affine map', () => {
    const { before, after } = featureBatch;
    for (let j = 0; j < 3; j++) {
      const order = (rows: number[][]) => rows.map((row, i) => [row[j], i]).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
      expect(order(after)).toEqual(order(before));
    }
  });
});
