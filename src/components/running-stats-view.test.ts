import { describe, expect, it } from 'vitest';
import { DEFAULT_STREAM, simulate } from '../lib/running-stats.ts';
import { DEFAULT_BATCHES, DEFAULT_FEED, chartMarkup, chartSpec, chartTableMarkup, formatValue, lastBatchMarkup } from './running-stats-view.ts';

describe('the running-statistics demo’s markup', () => {
  const simulation = simulate(DEFAULT_FEED, DEFAULT_BATCHES);

  it('charts the running mean and variance from batch 0, with the true values as reference lines', () => {
    const spec = chartSpec(simulation.points, DEFAULT_STREAM);
    expect(spec.series.map((s) => s.points.length)).toEqual([31, 31]);
    expect(spec.series[0].points[0]).toEqual({ x: 0, y: 0 });
    expect(spec.series[1].points[0]).toEqual({ x: 0, y: 1 });
    expect(spec.references).toEqual([
      { name: 'True mean μ', y: 3 },
      { name: 'True variance σ²', y: 4 },
    ]);
    const last = simulation.history[29];
    expect(spec.description).toContain(`After 30 batches: running mean ${formatValue(last.runningMean, 4)}, running variance ${formatValue(last.runningVar, 4)}.`);
    expect(chartMarkup(simulation.points, DEFAULT_STREAM)).toContain('True variance σ² = 4</text>');
    expect(chartTableMarkup(simulation.points, DEFAULT_STREAM).match(/<tr><th scope="row">/g)).toHaveLength(31);
  });

  it('shows the last batch, with the unbiased variance as m/(m − 1) times the biased one', () => {
    const html = lastBatchMarkup(simulation.history[29]);
    expect(html).toContain('<caption>Batch 30 (train mode, m = 8)</caption>');
    expect(html).toContain('that is the batch variance × 8/7: enters the running variance');
    expect(html).toMatch(/<th scope="row">Output std<\/th><td>0\.99999\d<\/td>/);
  });

  it('shows a fresh layer, and a batch of one in eval mode, without inventing numbers', () => {
    expect(lastBatchMarkup(undefined)).toContain('<caption>No batch fed yet: a fresh BatchNorm1d(1)</caption>');
    const [one] = simulate(DEFAULT_FEED, 5).feed({ batchSize: 1, momentum: 0.1, training: false });
    const html = lastBatchMarkup(one);
    expect(html).toContain('(eval mode, m = 1)');
    expect(html).toContain('<th scope="row">Unbiased batch variance</th><td>—</td><td>undefined for one value</td>');
    expect(html).toContain('unchanged in eval mode');
  });

  it('writes negative numbers with a real minus sign', () => {
    expect(formatValue(-2.5)).toBe('−2.5');
    expect(formatValue(-2.220446049250313e-16, 3)).toBe('−2.22e-16');
  });
});
