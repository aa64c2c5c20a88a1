/**
 * The markup of the running-statistics demo that both the build-time render and the browser
 * produce: the chart of the running statistics, its data table, and the numbers of the last batch.
 */
import { significant } from '../lib/display.ts';
import type { BatchRecord, FeedSettings, RunningPoint, StreamSettings } from '../lib/running-stats.ts';
import { lineChart, lineChartTable, type LineChartSpec } from './charts/line-chart.ts';
import { escapeHtml } from './html.ts';

/** What the page shows before anyone touches it: 30 batches of 8 at PyTorch's default momentum, in train mode. */
export const DEFAULT_FEED: FeedSettings = { batchSize: 8, momentum: 0.1, training: true };
export const DEFAULT_BATCHES = 30;

const CHART_ID = 'running-stats-chart';

/** A number as the demo's tables show it. */
export function formatValue(x: number, digits = 6): string {
  return significant(x, digits).replace(/^-/, '−');
}

/** The chart's series: running mean and running variance after 0, 1, 2, … batches. */
export function chartSpec(points: readonly RunningPoint[], stream: StreamSettings): LineChartSpec {
  const last = points[points.length - 1];
  const trueVariance = stream.std ** 2;
  const fed = last.step === 0 ? 'No batch has been fed yet' : `After ${last.step} batch${last.step === 1 ? '' : 'es'}`;
  return {
    id: CHART_ID,
    title: 'Running mean and running variance after each batch',
    description:
      `Two lines start at the fresh layer's running mean 0 and running variance 1 and move toward the true mean ${stream.mean} ` +
      `and true variance ${trueVariance}, drawn as dotted reference lines. ${fed}: running mean ${formatValue(last.runningMean, 4)}, ` +
      `running variance ${formatValue(last.runningVar, 4)}.`,
    xLabel: 'Batches fed',
    yLabel: 'Value',
    series: [
      { name: 'Running mean', points: points.map((p) => ({ x: p.step, y: p.runningMean })) },
      { name: 'Running variance', points: points.map((p) => ({ x: p.step, y: p.runningVar })) },
    ],
    references: [
      { name: 'True mean μ', y: stream.mean },
      { name: 'True variance σ²', y: trueVariance },
    ],
    xRange: [0, 10],
    yRange: [0, Math.ceil(trueVariance + 1)],
    integerX: true,
    formatY: (y) => formatValue(y),
    width: 480,
    height: 300,
    fontSize: 14,
  };
}

export function chartMarkup(points: readonly RunningPoint[], stream: StreamSettings): string {
  return lineChart(chartSpec(points, stream));
}

export function chartTableMarkup(points: readonly RunningPoint[], stream: StreamSettings): string {
  return lineChartTable(chartSpec(points, stream), {
    caption: 'Running mean and running variance after each batch (batch 0: the fresh layer).',
    className: 'island-table',
    formatY: (y) => formatValue(y),
  });
}

/** The numbers of the last batch fed, or of the fresh layer when there is none. */
export function lastBatchMarkup(record: BatchRecord | undefined): string {
  if (!record) {
    return table('No batch fed yet: a fresh BatchNorm1d(1)', [
      ['Running mean', '0', 'before any batch'],
      ['Running variance', '1', 'before any batch'],
    ]);
  }
  const m = record.batchSize;
  const mode = record.training ? 'train mode' : 'eval mode';
  const factor = m > 1 ? `${m}/${m - 1}` : '';
  const rows: [string, string, string][] = [
    ['Batch mean μ<sub>B</sub>', formatValue(record.batchMean), `the mean of its ${m} value${m === 1 ? '' : 's'}`],
    ['Batch variance σ<sup>2</sup><sub>B</sub>', formatValue(record.batchVariance), `dividing by m = ${m}${record.training ? ': normalizes this batch' : ''}`],
    [
      'Unbiased batch variance',
      m > 1 ? formatValue(record.unbiasedVariance) : '—',
      m > 1 ? `dividing by m − 1 = ${m - 1}, that is the batch variance × ${factor}${record.training ? ': enters the running variance' : ''}` : 'undefined for one value',
    ],
    ['Running mean', formatValue(record.runningMean), record.training ? 'after this batch' : 'unchanged in eval mode'],
    ['Running variance', formatValue(record.runningVar), record.training ? 'after this batch' : 'unchanged in eval mode'],
    ['Output mean', formatValue(record.outputMean, 4), record.training ? '≈ 0: normalized with the batch’s own mean' : '≈ 0 only once the running mean is close to μ'],
    ['Output std', formatValue(record.outputStd, 6), record.training ? '≈ 1: normalized with the batch’s own variance' : '≈ 1 only once the running variance is close to σ²'],
  ];
  return table(`Batch ${record.step} (${mode}, m = ${m})`, rows);
}

/** A table of (name, value, note) rows; the names are trusted markup written here (for sub- and superscripts), the rest is escaped. */
function table(caption: string, rows: readonly (readonly [string, string, string])[]): string {
  const body = rows
    .map(([name, value, note]) => `<tr><th scope="row">${name}</th><td>${escapeHtml(value)}</td><td>${escapeHtml(note)}</td></tr>`)
    .join('');
  return (
    `<table class="island-table running-stats-numbers"><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr><th scope="col">Quantity</th><th scope="col">Value</th><th scope="col">Note</th></tr></thead><tbody>${body}</tbody></table>`
  );
}
