import { describe, expect, it } from 'vitest';
import { tutorialBatch } from '../../examples/tutorial-batch.ts';
import { BatchNorm1d, BatchNorm2d } from '../batchnorm.ts';
import { normalGenerator } from '../random.ts';
import { sourceRegion } from '../source-region.ts';
import {
  batchNormBackward,
  batchNormBackwardStepwise,
  batchNormForward,
  batchNormInference,
  channelStatistics,
  featureMeans,
  featureVariances,
  foldIntoLinear,
  linear,
  updateRunningStats,
  type RunningStats,
} from '../tutorial/batchnorm-from-scratch.ts';
import source from '../tutorial/batchnorm-from-scratch.ts?raw';

function maxDifference(a: unknown, b: unknown): number {
  const x = [a].flat(4) as number[];
  const y = [b].flat(4) as number[];
  expect(x.length).toBe(y.length);
  return Math.max(0, ...x.map((v, i) => Math.abs(v - y[i])));
}

function randomBatch(m: number, n: number, seed: number): number[][] {
  const normal = normalGenerator(seed);
  return Array.from({ length: m }, () => Array.from({ length: n }, (_, j) => 2 * j + (j + 1) * normal()));
}

describe("the Tutorial's from-scratch implementation agrees with the library", () => {
  const { x, gamma, beta, eps, dy } = tutorialBatch;

  it('step 1: means and biased variances', () => {
    const mean = featureMeans(x);
    expect(mean).toEqual([4, 14, 1]);
    expect(featureVariances(x, mean)).toEqual([5, 14, 5]);
  });

  it('steps 2–3: the training forward pass equals BatchNorm1d', () => {
    const bn = new BatchNorm1d(3, { eps });
    bn.gamma.set(gamma);
    bn.beta.set(beta);
    expect(maxDifference(batchNormForward(x, gamma, beta, eps).y, bn.forward(x))).toBeLessThan(1e-12);
  });

  it('step 4: running statistics over several batches, then inference, equal BatchNorm1d', () => {
    const bn = new BatchNorm1d(3, { eps, momentum: 0.1 });
    bn.gamma.set(gamma);
    bn.beta.set(beta);
    let running: RunningStats = { mean: [0, 0, 0], variance: [1, 1, 1] };
    for (let step = 0; step < 5; step++) {
      const batch = randomBatch(6, 3, step);
      const { mean, variance } = batchNormForward(batch, gamma, beta, eps);
      running = updateRunningStats(running, mean, variance, batch.length, 0.1);
      bn.forward(batch);
    }
    expect(maxDifference(running.mean, Array.from(bn.runningMean))).toBeLessThan(1e-12);
    expect(maxDifference(running.variance, Array.from(bn.runningVar))).toBeLessThan(1e-12);
    bn.eval();
    const test = randomBatch(3, 3, 42);
    expect(maxDifference(batchNormInference(test, running, gamma, beta, eps), bn.forward(test))).toBeLessThan(1e-12);
  });

  it('step 5: both backward forms equal BatchNorm1d.backward', () => {
    for (let seed = 0; seed < 5; seed++) {
      const batch = seed === 0 ? x : randomBatch(5, 3, seed);
      const upstream = seed === 0 ? dy : randomBatch(5, 3, 100 + seed);
      const bn = new BatchNorm1d(3, { eps });
      bn.gamma.set(gamma);
      bn.beta.set(beta);
      bn.forward(batch);
      const expected = bn.backward(upstream);
      const { mean, cache } = batchNormForward(batch, gamma, beta, eps);
      const simplified = batchNormBackward(upstream, cache);
      expect(maxDifference(simplified.dx, expected.dx)).toBeLessThan(1e-12);
      expect(maxDifference(simplified.dgamma, expected.dgamma)).toBeLessThan(1e-12);
      expect(maxDifference(simplified.dbeta, expected.dbeta)).toBeLessThan(1e-12);
      expect(maxDifference(batchNormBackwardStepwise(upstream, batch, mean, cache), expected.dx)).toBeLessThan(1e-12);
    }
  });

  it('step 6: channel statistics match BatchNorm2d', () => {
    const { mean, variance } = channelStatistics(tutorialBatch.images);
    const bn = new BatchNorm2d(2, { momentum: 1 });
    bn.forward(tutorialBatch.images);
    const count = 2 * 2 * 3;
    expect(maxDifference(mean, Array.from(bn.runningMean))).toBeLessThan(1e-12);
    expect(maxDifference(variance.map((v) => (v * count) / (count - 1)), Array.from(bn.runningVar))).toBeLessThan(1e-12);
  });
});

describe('step 7: folding Batch Norm into the linear layer before it', () => {
  it('gives the same outputs as the linear layer followed by inference-mode Batch Norm', () => {
    const weight = randomBatch(3, 4, 7);
    const bias = [0.5, -1, 2];
    const running: RunningStats = { mean: [1, -2, 0.5], variance: [4, 0.25, 9] };
    const { gamma, beta, eps } = tutorialBatch;
    const x = randomBatch(5, 4, 8);
    const folded = foldIntoLinear(weight, bias, running, gamma, beta, eps);
    const separate = batchNormInference(linear(x, weight, bias), running, gamma, beta, eps);
    expect(maxDifference(linear(x, folded.weight, folded.bias), separate)).toBeLessThan(1e-12);
  });
});

describe('sourceRegion', () => {
  it('finds every step of the from-scratch file, without the markers', () => {
    for (const step of [1, 2, 3, 4, 5, 6, 7]) {
      const region = sourceRegion(source, `step-${step}`);
      expect(region).toMatch(/export function/);
      expect(region).not.toMatch(/#region|#endregion/);
    }
    expect(sourceRegion(source, 'step-1')).toContain('export function featureMeans');
  });

  it('says which region is missing', () => {
    expect(() => sourceRegion(source, 'step-9')).toThrow('No region "step-9" in the source.');
  });
});
