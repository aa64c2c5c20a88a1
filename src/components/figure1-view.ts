/**
 * The markup of the live Figure 1 that both the build-time render and the browser produce: the
 * three charts (test accuracy; the tracked unit's input percentiles without and with BN) and a
 * data table behind each. A run still in progress is drawn as far as it has got, on axes set for
 * the whole run, so the lines grow from left to right.
 */
import { significant } from '../lib/display.ts';
import type { Figure1Result } from '../lib/figure1.ts';
import { lineChart, lineChartTable, type LineChartSpec } from './charts/line-chart.ts';

/** What the figure shows: both networks' results so far, and the steps the run is for. */
export interface FigureView {
  steps: number;
  withoutBatchNorm: Figure1Result;
  withBatchNorm: Figure1Result;
}

/** The parts of the figure, each filling one container (`data-part` in the component). */
export type FigurePart = 'accuracy' | 'accuracyTable' | 'without' | 'withoutTable' | 'with' | 'withTable';

/** A number as the figure writes it: `digits` significant digits and a real minus sign. */
export function formatValue(x: number, digits = 4): string {
  return significant(x, digits).replace(/^-/, '−');
}

/** Accuracy as a fraction with three decimals: 0.987. */
export function formatAccuracy(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : significant(x, 3);
}

const count = (n: number) => n.toLocaleString('en-US');

const last = <T>(values: readonly T[]): T | undefined => values[values.length - 1];

/** The steps done so far, as the descriptions say it. */
function progress(result: Figure1Result, steps: number): string {
  const done = last(result.step) ?? 0;
  return done >= steps ? `after all ${count(steps)} steps` : `after ${count(done)} of ${count(steps)} steps`;
}

function accuracyDescription(view: FigureView): string {
  const parts = (['withoutBatchNorm', 'withBatchNorm'] as const).map((key) => {
    const result = view[key];
    const name = key === 'withBatchNorm' ? 'With Batch Normalization' : 'Without it';
    const accuracy = last(result.testAccuracy);
    if (accuracy === undefined) return `${name}: no evaluation yet.`;
    const firstGood = result.step[result.testAccuracy.findIndex((a) => a >= 0.9)];
    const reached = firstGood === undefined ? 'it has not reached 0.9 yet' : `it first reached 0.9 at step ${count(firstGood)}`;
    return `${name}, the test accuracy is ${formatAccuracy(accuracy)} ${progress(result, view.steps)}; ${reached}.`;
  });
  return `Test accuracy (from 0 to 1) of the two networks as training goes on; chance is about 0.1. ${parts.join(' ')}`;
}

function percentileDescription(result: Figure1Result, batchNorm: boolean, steps: number): string {
  const first = result.percentiles[0];
  const now = last(result.percentiles);
  if (!first || !now) return 'No evaluation yet.';
  const triple = ([p15, p50, p85]: readonly number[]) => `15th ${formatValue(p15, 3)}, median ${formatValue(p50, 3)}, 85th ${formatValue(p85, 3)}`;
  const spread = (p: readonly number[]) => formatValue(p[2] - p[0], 3);
  return (
    `Three lines: the 15th, 50th and 85th percentiles over the test images of the input to one sigmoid of the last hidden layer${batchNorm ? ', after Batch Normalization' : ''}. ` +
    `At step 0: ${triple(first)}. ${progress(result, steps)[0].toUpperCase()}${progress(result, steps).slice(1)}: ${triple(now)}; ` +
    `the spread from the 15th to the 85th percentile went from ${spread(first)} to ${spread(now)}.`
  );
}

export function accuracySpec(view: FigureView, id: string): LineChartSpec {
  const points = (result: Figure1Result) => result.step.map((x, i) => ({ x, y: result.testAccuracy[i] }));
  return {
    id: `${id}-accuracy`,
    title: 'Figure 1(a): test accuracy against training steps, without and with Batch Normalization',
    description: accuracyDescription(view),
    xLabel: 'Training steps',
    yLabel: 'Test accuracy',
    series: [
      { name: 'Without BN', points: points(view.withoutBatchNorm) },
      { name: 'With BN', points: points(view.withBatchNorm) },
    ],
    xRange: [0, view.steps],
    yRange: [0, 1],
    integerX: true,
    formatY: formatAccuracy,
    width: 360,
    height: 220,
    fontSize: 13,
  };
}

/** The range of every percentile of both networks, so the two percentile charts share their y axis. */
export function percentileRange(view: FigureView): [number, number] {
  const values = [...view.withoutBatchNorm.percentiles, ...view.withBatchNorm.percentiles].flat().filter((v) => Number.isFinite(v));
  return values.length === 0 ? [-1, 1] : [Math.min(...values), Math.max(...values)];
}

export function percentileSpec(view: FigureView, batchNorm: boolean, id: string): LineChartSpec {
  const result = batchNorm ? view.withBatchNorm : view.withoutBatchNorm;
  const series = (k: number) => result.step.map((x, i) => ({ x, y: result.percentiles[i][k] }));
  return {
    id: `${id}-${batchNorm ? 'with' : 'without'}-bn`,
    title: `Figure 1(${batchNorm ? 'c' : 'b'}): ${batchNorm ? 'with' : 'without'} Batch Normalization, the input to one sigmoid of the last hidden layer over training`,
    description: percentileDescription(result, batchNorm, view.steps),
    xLabel: 'Training steps',
    yLabel: 'Input to the sigmoid',
    series: [
      { name: '85th percentile', points: series(2) },
      { name: 'Median', points: series(1) },
      { name: '15th percentile', points: series(0) },
    ],
    xRange: [0, view.steps],
    yRange: percentileRange(view),
    integerX: true,
    formatY: (y) => formatValue(y),
    width: 300,
    height: 240,
    fontSize: 13,
  };
}

/** The charts, and the tables behind them. */
export const CHART_PARTS: readonly FigurePart[] = ['accuracy', 'without', 'with'];
export const TABLE_PARTS: readonly FigurePart[] = ['accuracyTable', 'withoutTable', 'withTable'];

/**
 * The parts of the figure for `view` as markup: all of them, or those in `only`. `id` prefixes the
 * ids of the charts' titles.
 */
export function figureParts(view: FigureView, id: string, only: readonly FigurePart[] = [...CHART_PARTS, ...TABLE_PARTS]): Partial<Record<FigurePart, string>> {
  const specs = { accuracy: accuracySpec(view, id), without: percentileSpec(view, false, id), with: percentileSpec(view, true, id) };
  const percentileCaption = (which: string) =>
    `The input to the tracked sigmoid ${which}: its 15th, 50th and 85th percentiles over the 297 test images after each evaluation.`;
  const tables = {
    accuracyTable: { spec: specs.accuracy, caption: 'Test accuracy on the 297 test images after each evaluation.', formatY: formatAccuracy },
    withoutTable: { spec: specs.without, caption: percentileCaption('without Batch Normalization'), formatY: (y: number) => formatValue(y) },
    withTable: { spec: specs.with, caption: percentileCaption('with Batch Normalization (after the normalization)'), formatY: (y: number) => formatValue(y) },
  };
  const parts: Partial<Record<FigurePart, string>> = {};
  for (const part of only) {
    if (part === 'accuracy' || part === 'without' || part === 'with') {
      parts[part] = lineChart(specs[part]);
    } else {
      const { spec, caption, formatY } = tables[part];
      parts[part] = lineChartTable(spec, { caption, className: 'island-table', formatX: count, formatY });
    }
  }
  return parts;
}
