/**
 * The markup of the covariate shift demo, shared by the build-time render and the island's script:
 * both charts (the next unit's input x without and with Batch Normalization, each over an outline
 * of the same at a = 1, b = 0), their tables, their statistics, and the status line.
 */
import { significant } from '../lib/display.ts';
import {
  EPSILON,
  EXAMPLES,
  REFERENCE,
  TAIL,
  covariateShiftDemo,
  type Distribution,
  type LayerSetting,
} from '../lib/covariate-shift.ts';
import { histogramSvg, histogramTable, type HistogramChartOptions } from './charts/histogram.ts';
import { escapeHtml } from './html.ts';
import { formatStat, type PanelMarkup } from './normalization-histograms-view.ts';

export interface CovariateShiftView {
  without: PanelMarkup;
  with: PanelMarkup;
  /** Plain text, one sentence for the status line. */
  status: string;
}

/** A setting for reading: up to 6 significant digits and a true minus sign (2.5, −1.3, 0.123457). */
export function formatSetting(x: number): string {
  return significant(x, 6).replace('-', '−');
}

/** The share of values in the flat tails as a percentage with one decimal, "13.3%". */
export function formatShare(count: number, total = EXAMPLES): string {
  return `${((100 * count) / total).toFixed(1)}%`;
}

function settingText(setting: LayerSetting): string {
  return `a = ${formatSetting(setting.a)}, b = ${formatSetting(setting.b)}`;
}

/** What a panel is about: its variable's name in the tail condition, its axis label and its words. */
const SIDES = {
  without: { symbol: 'x', title: 'Without BN: x', axis: 'x = w₂·h + c', what: 'The next unit’s input x = w₂·h + c' },
  with: { symbol: 'BN(x)', title: 'With BN: BN(x)', axis: 'BN(x) = (x − mean) / √(var + ε)', what: `x after Batch Normalization (γ = 1, β = 0, ε = ${significant(EPSILON, 3)})` },
} as const;

type Side = keyof typeof SIDES;

function statsHtml(side: Side, current: Distribution, reference: Distribution): string {
  const { symbol } = SIDES[side];
  const s = current.summary;
  const r = reference.summary;
  return [
    `<span>Mean <span data-value="mean">${formatStat(s.mean)}</span>, standard deviation <span data-value="std">${formatStat(s.std)}</span></span>`,
    `<span>In the flat tails, |${escapeHtml(symbol)}| &gt; ${TAIL}: <span data-value="tail">${formatShare(current.tail)}</span> (${current.tail} of ${EXAMPLES})</span>`,
    `<span class="cs-reference">At ${escapeHtml(settingText(REFERENCE))}: mean ${formatStat(r.mean)}, standard deviation ${formatStat(r.std)}, ${formatShare(reference.tail)} in the tails</span>`,
  ].join('');
}

function chartOptions(side: Side, setting: LayerSetting, current: Distribution, reference: Distribution, id: string): HistogramChartOptions {
  const { title, axis, what, symbol } = SIDES[side];
  const s = current.summary;
  return {
    id: `${id}-${side}`,
    title: `${title} at ${settingText(setting)}`,
    description: `${what} for ${EXAMPLES} examples at ${settingText(setting)}: mean ${formatStat(s.mean)}, standard deviation ${formatStat(s.std)}, ${formatShare(current.tail)} with |${symbol}| > ${TAIL}. The outline is the same at ${settingText(REFERENCE)}.`,
    xLabel: axis,
    series: [
      { label: 'This setting', histogram: current.histogram },
      { label: settingText(REFERENCE), histogram: reference.histogram },
    ],
    markers: [{ value: s.mean, label: 'mean' }],
  };
}

/** Everything the island shows for one setting of the earlier layer; `id` prefixes the charts' element ids. */
export function covariateShiftView(setting: LayerSetting, id: string): CovariateShiftView {
  const demo = covariateShiftDemo(setting);
  const panel = (side: Side): PanelMarkup => {
    const current = demo.current[side];
    const reference = demo.reference[side];
    const options = chartOptions(side, setting, current, reference, id);
    return { chart: histogramSvg(options), table: histogramTable(options), stats: statsHtml(side, current, reference) };
  };
  const x = demo.current.without;
  const bn = demo.current.with;
  return {
    without: panel('without'),
    with: panel('with'),
    status:
      `${settingText(setting)}. Without BN: mean ${formatStat(x.summary.mean)}, standard deviation ${formatStat(x.summary.std)}, ` +
      `${formatShare(x.tail)} in the flat tails. With BN: mean ${formatStat(bn.summary.mean)}, standard deviation ${formatStat(bn.summary.std)}, ` +
      `${formatShare(bn.tail)} in the flat tails.`,
  };
}
