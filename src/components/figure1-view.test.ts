import { describe, expect, it } from 'vitest';
import recorded from '../data/figure1-default-run.json';
import type { Figure1Result } from '../lib/figure1.ts';
import { accuracySpec, figureParts, formatValue, percentileRange, percentileSpec, type FigureView } from './figure1-view.ts';

const view: FigureView = {
  steps: 2000,
  withoutBatchNorm: recorded.withoutBatchNorm as Figure1Result,
  withBatchNorm: recorded.withBatchNorm as Figure1Result,
};

/** The first `count` evaluations of a result, as a run in progress has them. */
function firstOf(result: Figure1Result, count: number): Figure1Result {
  return { step: result.step.slice(0, count), testAccuracy: result.testAccuracy.slice(0, count), percentiles: result.percentiles.slice(0, count) };
}

describe('the live Figure 1’s markup', () => {
  it('charts test accuracy for both networks on 0–1 over the whole run', () => {
    const spec = accuracySpec(view, 'f');
    expect(spec.series.map((s) => s.name)).toEqual(['Without BN', 'With BN']);
    expect(spec.series[1].points[10]).toEqual({ x: 500, y: view.withBatchNorm.testAccuracy[10] });
    expect([spec.xRange, spec.yRange]).toEqual([[0, 2000], [0, 1]]);
    expect(spec.description).toContain('With Batch Normalization, the test accuracy is 0.987 after all 2,000 steps; it first reached 0.9 at step 50.');
    expect(spec.description).toContain('Without it, the test accuracy is 0.923 after all 2,000 steps; it first reached 0.9 at step 1,250.');
  });

  it('charts the three percentiles of each network on one shared y range', () => {
    const without = percentileSpec(view, false, 'f');
    const withBn = percentileSpec(view, true, 'f');
    expect(without.series.map((s) => s.name)).toEqual(['85th percentile', 'Median', '15th percentile']);
    expect(without.series[2].points[40]).toEqual({ x: 2000, y: view.withoutBatchNorm.percentiles[40][0] });
    expect(withBn.yRange).toEqual(without.yRange);
    const all = [...view.withoutBatchNorm.percentiles, ...view.withBatchNorm.percentiles].flat();
    expect(percentileRange(view)).toEqual([Math.min(...all), Math.max(...all)]);
    expect(without.description).toContain('the spread from the 15th to the 85th percentile went from 0.0221 to 3.94.');
  });

  it('draws a run in progress on the axes of the whole run', () => {
    const partial: FigureView = { steps: 2000, withoutBatchNorm: firstOf(view.withoutBatchNorm, 3), withBatchNorm: firstOf(view.withBatchNorm, 2) };
    expect(accuracySpec(partial, 'f').description).toContain('the test accuracy is 0.926 after 50 of 2,000 steps');
    expect(accuracySpec(partial, 'f').description).toContain('it has not reached 0.9 yet');
    const parts = figureParts(partial, 'f');
    expect(parts.accuracy).toContain('>2000</text>');
    // One row per evaluation either network has made, with a dash where the other has not got there yet.
    expect(parts.accuracyTable?.match(/<tr><th scope="row">/g)).toHaveLength(3);
    expect(parts.accuracyTable).toContain('<tr><th scope="row">100</th><td>0.071</td><td>—</td></tr>');
  });

  it('says so when there is nothing to draw yet, and builds only the parts asked for', () => {
    const empty: FigureView = { steps: 100, withoutBatchNorm: firstOf(view.withoutBatchNorm, 0), withBatchNorm: firstOf(view.withBatchNorm, 0) };
    expect(accuracySpec(empty, 'f').description).toContain('Without it: no evaluation yet.');
    expect(percentileSpec(empty, true, 'f').description).toBe('No evaluation yet.');
    expect(Object.keys(figureParts(empty, 'f', ['with', 'withTable']))).toEqual(['with', 'withTable']);
  });

  it('writes numbers with four significant digits and a real minus sign', () => {
    expect(formatValue(-1.7041234)).toBe('−1.704');
    expect(formatValue(0.58412)).toBe('0.5841');
  });
});
