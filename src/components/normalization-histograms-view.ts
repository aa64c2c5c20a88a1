/**
 * The markup of the before/after normalization histograms, shared by the build-time render and
 * the island's script: both charts, their tables, their statistics and the status line.
 */
import { significant } from '../lib/display.ts';
import { distributions, type DistributionId } from '../lib/distributions.ts';
import { formatTick } from '../lib/histogram.ts';
import { normalizationDemo, NORMALIZED_DOMAIN, type BatchSummary } from '../lib/normalization-demo.ts';
import { histogramSvg, histogramTable, type HistogramChartOptions } from './charts/histogram.ts';

export interface PanelMarkup {
  chart: string;
  table: string;
  stats: string;
}

export interface HistogramsView {
  before: PanelMarkup;
  after: PanelMarkup;
  /** Plain text, "Batch 3 (seed 3)": tells the reader the data changed. */
  batch: string;
  /** Plain text, one sentence for the live status line. */
  status: string;
}

/** A statistic with 3 decimals and a true minus sign; a value that rounds to zero prints as 0.000, unsigned. */
export function formatStat(x: number): string {
  if (!Number.isFinite(x)) return significant(x, 4);
  const text = x.toFixed(3);
  return Number(text) === 0 ? text.replace('-', '') : text.replace('-', '−');
}

function distributionLabel(id: DistributionId): string {
  return distributions.find((d) => d.id === id)?.label ?? id;
}

function statsHtml(summary: BatchSummary, expected?: { mean: number; std: number }): string {
  const reference = expected
    ? `<span class="nh-expected">The distribution has mean ${significant(expected.mean, 4).replace('-', '−')}, standard deviation ${significant(expected.std, 4)}</span>`
    : '';
  return `<span>Mean <span data-value="mean">${formatStat(summary.mean)}</span>, standard deviation <span data-value="std">${formatStat(summary.std)}</span></span>${reference}`;
}

/** Everything the island shows for one batch: `id` prefixes the charts' element ids. */
export function histogramsView(distribution: DistributionId, size: number, seed: number, id: string): HistogramsView {
  const demo = normalizationDemo(distribution, size, seed);
  const label = distributionLabel(distribution);
  const count = size.toLocaleString('en-US');
  const before: HistogramChartOptions = {
    id: `${id}-before`,
    title: `Before: ${count} values from ${label}`,
    description: `The batch as drawn, mean ${formatStat(demo.before.mean)} and standard deviation ${formatStat(demo.before.std)}, in bins spanning its mean ± 4 √(var + ε).`,
    xLabel: 'x, as drawn',
    series: [{ label: 'Before', histogram: demo.beforeHistogram }],
    markers: [{ value: demo.before.mean, label: 'mean' }],
  };
  const [low, high] = NORMALIZED_DOMAIN;
  const after: HistogramChartOptions = {
    id: `${id}-after`,
    title: 'After Batch Normalization (γ = 1, β = 0)',
    description: `The same batch normalized, x̂ = (x − mean) / √(var + ε), mean ${formatStat(demo.after.mean)} and standard deviation ${formatStat(demo.after.std)}, in bins from ${formatTick(low, 1)} to ${formatTick(high, 1)}.`,
    xLabel: 'x̂ = (x − mean) / √(var + ε)',
    series: [{ label: 'After', histogram: demo.afterHistogram }],
    markers: [{ value: demo.after.mean, label: 'mean' }],
  };
  return {
    before: { chart: histogramSvg(before), table: histogramTable(before), stats: statsHtml(demo.before, demo.expected) },
    after: { chart: histogramSvg(after), table: histogramTable(after), stats: statsHtml(demo.after) },
    batch: `Batch ${seed.toLocaleString('en-US')} (seed ${seed})`,
    status: `Batch ${seed}: ${count} values from ${label}, mean ${formatStat(demo.before.mean)}; after normalization, mean ${formatStat(demo.after.mean)} and standard deviation ${formatStat(demo.after.std)}.`,
  };
}
