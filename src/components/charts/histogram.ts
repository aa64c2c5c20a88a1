/**
 * A histogram chart as markup strings, without the DOM, so that the build-time render and the
 * browser produce the same thing: `histogramSvg` draws an accessible SVG (role="img" named by its
 * title and described by a summary of the counts, labelled axes with nice ticks, a legend for several
 * series), and `histogramTable` gives the same counts as a table. Colours are Starlight's CSS
 * variables set in `style` attributes, so the chart needs no stylesheet and follows the light and
 * dark themes.
 *
 * Give one series as filled bars, or several that share their bins (e.g. before and after) to
 * draw the others as outlines over the first. A series is either values, binned with `domain`
 * and `bins`, or a histogram computed by `histogram` from src/lib/histogram.ts.
 */
import { countAxis, domainOf, formatTick, histogram, niceTicks, type Domain, type Histogram } from '../../lib/histogram.ts';
import { escapeHtml } from '../html.ts';

export type HistogramSeries = { label: string; histogram: Histogram } | { label: string; values: ArrayLike<number> };

export interface HistogramChartOptions {
  /** A prefix for the ids of the title, description and table caption; unique in the page. */
  id: string;
  title: string;
  /** Sentences that open the chart's description; a summary of the counts follows them. */
  description?: string;
  xLabel: string;
  /** Default "Count". */
  yLabel?: string;
  series: readonly HistogramSeries[];
  /** For series given as values: the axis range (default: one covering all values) and the number of bins (default 20). */
  domain?: Domain;
  bins?: number;
  /** Vertical dashed lines with a label above the plot, e.g. at the mean. */
  markers?: readonly { value: number; label: string }[];
  /** The SVG's coordinate size; it scales to the width of its container. Default 320 × 220. */
  width?: number;
  height?: number;
}

/** How each series is drawn: the first as filled bars, the others as solid, then dashed, outlines. */
const seriesColors = ['var(--sl-color-text-accent)', 'var(--sl-color-orange-high)', 'var(--sl-color-green-high)', 'var(--sl-color-white)'];
const seriesDashes = ['', '', '6 3', '2 3'];

interface ResolvedSeries {
  label: string;
  histogram: Histogram;
}

/** Bins every series given as values, and checks that all series share their bins. */
function resolveSeries(options: HistogramChartOptions): ResolvedSeries[] {
  if (options.series.length === 0) throw new RangeError('A histogram chart needs at least one series.');
  let domain = options.domain;
  if (!domain) {
    const all: number[] = [];
    for (const s of options.series) if ('values' in s) all.push(...Array.from(s.values));
    domain = domainOf(all);
  }
  const bins = options.bins ?? 20;
  const resolved = options.series.map((s) => ({
    label: s.label,
    histogram: 'histogram' in s ? s.histogram : histogram(s.values, { domain, bins }),
  }));
  const edges = resolved[0].histogram.edges;
  for (const { histogram: h } of resolved) {
    if (h.edges.length !== edges.length || h.edges.some((edge, i) => edge !== edges[i])) {
      throw new RangeError('All series of one histogram chart must share their bins.');
    }
  }
  return resolved;
}

/** A number for reading, with enough decimals to tell bins `width` apart, no trailing zeros, and a true minus sign. */
export function formatEdge(x: number, width: number): string {
  const decimals = Math.min(12, Math.max(0, Math.ceil(-Math.log10(width)) + 1));
  let text = x.toFixed(decimals);
  if (text.includes('.')) text = text.replace(/\.?0+$/, '');
  return Number(text) === 0 ? '0' : text.replace('-', '−');
}

/** Plural-aware count: "1 value", "3 values". */
function values(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'value' : 'values'}`;
}

/** The bins as readable ranges of x; with clamping the edge bins are open-ended, as they hold everything beyond. */
function binLabels(h: Histogram): string[] {
  const { edges } = h;
  const k = edges.length - 1;
  const width = (edges[k] - edges[0]) / k;
  const f = (x: number) => formatEdge(x, width);
  return edges.slice(0, k).map((low, i) => {
    const high = edges[i + 1];
    if (h.clamped && k === 1) return 'every value';
    if (h.clamped && i === 0) return `x < ${f(high)}`;
    if (h.clamped && i === k - 1) return `x ≥ ${f(low)}`;
    return i === k - 1 ? `${f(low)} ≤ x ≤ ${f(high)}` : `${f(low)} ≤ x < ${f(high)}`;
  });
}

/** One series' counts in words, for the chart's description. */
function summarize(s: ResolvedSeries, labelled: boolean): string {
  const h = s.histogram;
  const k = h.counts.length;
  const low = h.edges[0];
  const high = h.edges[k];
  const width = (high - low) / k;
  const f = (x: number) => formatEdge(x, width);
  const fullest = h.counts.indexOf(Math.max(...h.counts));
  const parts = [
    `${labelled ? `${s.label}: ` : ''}${values(h.total)} in ${k} ${k === 1 ? 'bin' : 'bins'} of width ${f(width)} from ${f(low)} to ${f(high)}.`,
  ];
  if (h.total > 0) parts.push(`The fullest bin, ${binLabels(h)[fullest]}, holds ${h.counts[fullest].toLocaleString('en-US')}.`);
  const where = h.clamped ? ['counted in the first bin', 'counted in the last bin'] : ['left out', 'left out'];
  if (h.below > 0) parts.push(`${values(h.below)} below ${f(low)} ${h.below === 1 ? 'is' : 'are'} ${where[0]}.`);
  if (h.above > 0) parts.push(`${values(h.above)} above ${f(high)} ${h.above === 1 ? 'is' : 'are'} ${where[1]}.`);
  if (h.skipped > 0) parts.push(`${values(h.skipped)} that ${h.skipped === 1 ? 'is' : 'are'} not a number ${h.skipped === 1 ? 'is' : 'are'} left out.`);
  return parts.join(' ');
}

/** Rounds a coordinate to 2 decimals, to keep the markup short. */
function r(x: number): number {
  return Math.round(x * 100) / 100;
}

/** As many nice x ticks as fit without their labels (12px, about 7px a character) touching. */
function xTicks(low: number, high: number, plotWidth: number): { step: number; ticks: number[] } {
  for (let maxTicks = Math.floor(plotWidth / 24) + 1; maxTicks > 2; maxTicks--) {
    const axis = niceTicks(low, high, maxTicks);
    const longest = Math.max(...axis.ticks.map((t) => formatTick(t, axis.step).length));
    if ((axis.step / (high - low)) * plotWidth >= longest * 7 + 8) return axis;
  }
  return niceTicks(low, high, 2);
}

/** The chart as an SVG string with role="img", labelled by its title and description. */
export function histogramSvg(options: HistogramChartOptions): string {
  const series = resolveSeries(options);
  const { id, title, xLabel, yLabel = 'Count', markers = [], width = 320, height = 220 } = options;
  const edges = series[0].histogram.edges;
  const k = edges.length - 1;
  const low = edges[0];
  const high = edges[k];
  const binWidth = (high - low) / k;
  const legendRow = series.length > 1 ? 18 : 0;
  const margin = { top: 34 + legendRow, right: 12, bottom: 42, left: 0 };
  const plotHeight = height - margin.top - margin.bottom;
  const maxCount = Math.max(...series.flatMap((s) => s.histogram.counts));
  const yAxis = countAxis(maxCount, Math.floor(plotHeight / 28) + 1);
  // Room on the left for the rotated axis title, then the longest count label.
  margin.left = 26 + yAxis.top.toLocaleString('en-US').length * 7 + 6;
  const plotWidth = width - margin.left - margin.right;
  const bottom = margin.top + plotHeight;
  const right = margin.left + plotWidth;
  const xAxis = xTicks(low, high, plotWidth);
  const sx = (x: number) => r(margin.left + ((x - low) / (high - low)) * plotWidth);
  const sy = (count: number) => r(bottom - (count / yAxis.top) * plotHeight);
  const text = 'fill:var(--sl-color-gray-2)';
  const strong = 'fill:var(--sl-color-white)';
  const parts: string[] = [];

  const description = [options.description ?? '', ...series.map((s) => summarize(s, series.length > 1))];
  for (const marker of markers) {
    description.push(`A dashed line marks the ${marker.label} at ${formatEdge(marker.value, binWidth)}.`);
  }
  parts.push(
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${escapeHtml(id)}-title" aria-describedby="${escapeHtml(id)}-desc" class="histogram-chart" style="display:block;width:100%;height:auto;overflow:visible;font-size:12px;font-variant-numeric:tabular-nums">`,
    `<title id="${escapeHtml(id)}-title">${escapeHtml(title)}</title>`,
    `<desc id="${escapeHtml(id)}-desc">${escapeHtml(description.filter(Boolean).join(' '))}</desc>`,
  );

  // Grid lines and count ticks.
  parts.push(`<g style="stroke:var(--sl-color-gray-5);stroke-width:1">`);
  for (const tick of yAxis.ticks.slice(1)) parts.push(`<line x1="${margin.left}" x2="${right}" y1="${sy(tick)}" y2="${sy(tick)}"/>`);
  parts.push('</g>');
  parts.push(`<g style="${text};text-anchor:end">`);
  for (const tick of yAxis.ticks) parts.push(`<text x="${margin.left - 6}" y="${sy(tick)}" dy="0.32em">${tick.toLocaleString('en-US')}</text>`);
  parts.push('</g>');

  // The first series as bars, the others as outlines.
  parts.push(`<g style="fill:${seriesColors[0]};stroke:var(--sl-color-bg-nav);stroke-width:0.5">`);
  series[0].histogram.counts.forEach((count, i) => {
    if (count === 0) return;
    const x0 = sx(edges[i]);
    const x1 = sx(edges[i + 1]);
    parts.push(`<rect x="${x0}" y="${sy(count)}" width="${r(Math.max(0.5, x1 - x0))}" height="${r(bottom - sy(count))}"/>`);
  });
  parts.push('</g>');
  series.slice(1).forEach((s, j) => {
    const style = j + 1;
    const color = seriesColors[style % seriesColors.length];
    const dash = seriesDashes[style % seriesDashes.length];
    let path = `M${sx(low)} ${bottom}`;
    s.histogram.counts.forEach((count, i) => (path += `V${sy(count)}H${sx(edges[i + 1])}`));
    path += `V${bottom}`;
    parts.push(`<path d="${path}" style="fill:none;stroke:${color};stroke-width:2${dash ? `;stroke-dasharray:${dash}` : ''}"/>`);
  });

  // Axes, x ticks and axis titles.
  parts.push(`<g style="stroke:var(--sl-color-gray-3);stroke-width:1">`);
  parts.push(`<line x1="${margin.left}" x2="${right}" y1="${bottom}" y2="${bottom}"/>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${bottom}"/>`);
  for (const tick of xAxis.ticks) parts.push(`<line x1="${sx(tick)}" x2="${sx(tick)}" y1="${bottom}" y2="${bottom + 5}"/>`);
  parts.push('</g>');
  parts.push(`<g style="${text};text-anchor:middle">`);
  for (const tick of xAxis.ticks) parts.push(`<text x="${sx(tick)}" y="${bottom + 18}">${formatTick(tick, xAxis.step)}</text>`);
  parts.push('</g>');
  parts.push(
    `<text x="${r(margin.left + plotWidth / 2)}" y="${height - 6}" style="${strong};text-anchor:middle;font-size:13px">${escapeHtml(xLabel)}</text>`,
    `<text transform="translate(13 ${r(margin.top + plotHeight / 2)}) rotate(-90)" style="${strong};text-anchor:middle;font-size:13px">${escapeHtml(yLabel)}</text>`,
  );

  // Markers such as the mean: a dashed line across the plot, its label above it.
  for (const marker of markers) {
    if (!(marker.value >= low && marker.value <= high)) continue;
    const x = sx(marker.value);
    parts.push(
      `<line x1="${x}" x2="${x}" y1="${margin.top}" y2="${bottom}" style="stroke:var(--sl-color-white);stroke-width:1.5;stroke-dasharray:4 3"/>`,
      `<text x="${x}" y="${margin.top - 5}" style="${strong};text-anchor:middle">${escapeHtml(marker.label)}</text>`,
    );
  }

  // Values outside the axis: how many, on the side where they are.
  const outside = (side: 'below' | 'above') =>
    series
      .filter((s) => s.histogram[side] > 0)
      .map((s) => `${series.length > 1 ? `${s.label} ` : ''}${s.histogram[side].toLocaleString('en-US')}`)
      .join(', ');
  const notWhere = series[0].histogram.clamped ? '' : ' (not shown)';
  const belowNote = outside('below');
  const aboveNote = outside('above');
  const noteY = margin.top - 20;
  if (belowNote) {
    parts.push(`<text x="${margin.left}" y="${noteY}" style="${text};text-anchor:start">${escapeHtml(`← ${belowNote} below ${formatEdge(low, binWidth)}${notWhere}`)}</text>`);
  }
  if (aboveNote) {
    parts.push(`<text x="${right}" y="${noteY}" style="${text};text-anchor:end">${escapeHtml(`${aboveNote} above ${formatEdge(high, binWidth)}${notWhere} →`)}</text>`);
  }

  // A legend when there are several series: a swatch drawn as the series is, then its label.
  if (series.length > 1) {
    let x = margin.left;
    series.forEach((s, i) => {
      const color = seriesColors[i % seriesColors.length];
      const dash = seriesDashes[i % seriesDashes.length];
      parts.push(
        i === 0
          ? `<rect x="${x}" y="4" width="14" height="10" style="fill:${color}"/>`
          : `<line x1="${x}" x2="${x + 14}" y1="9" y2="9" style="stroke:${color};stroke-width:2${dash ? `;stroke-dasharray:${dash}` : ''}"/>`,
        `<text x="${x + 19}" y="9" dy="0.32em" style="${strong}">${escapeHtml(s.label)}</text>`,
      );
      x += 19 + s.label.length * 7 + 16;
    });
  }

  parts.push('</svg>');
  return parts.join('');
}

/** The counts of every bin as an HTML table (with a caption naming the chart), in a scrollable, focusable region. */
export function histogramTable(options: HistogramChartOptions): string {
  const series = resolveSeries(options);
  const first = series[0].histogram;
  const labels = binLabels(first);
  const captionId = `${escapeHtml(options.id)}-table-caption`;
  const header = series.length > 1 ? series.map((s) => `${s.label}: count`) : ['Count'];
  const rows = labels.map(
    (label, i) =>
      `<tr><th scope="row">${escapeHtml(label)}</th>${series.map((s) => `<td>${s.histogram.counts[i].toLocaleString('en-US')}</td>`).join('')}</tr>`,
  );
  const notes: string[] = [];
  const k = first.counts.length;
  const width = (first.edges[k] - first.edges[0]) / k;
  for (const s of series) {
    const h = s.histogram;
    const who = series.length > 1 ? `${s.label}: ` : '';
    const where = h.clamped ? ['in the first row', 'in the last row'] : ['left out', 'left out'];
    if (h.below > 0) notes.push(`${who}${values(h.below)} below ${formatEdge(h.edges[0], width)}, ${where[0]}.`);
    if (h.above > 0) notes.push(`${who}${values(h.above)} above ${formatEdge(h.edges[k], width)}, ${where[1]}.`);
  }
  const caption = `${options.title}: counts per bin${notes.length ? ` (${notes.join(' ')})` : ''}`;
  return [
    `<section class="island-table-wrap histogram-table" tabindex="0" aria-labelledby="${captionId}">`,
    '<table class="island-table">',
    `<caption id="${captionId}">${escapeHtml(caption)}</caption>`,
    `<thead><tr><th scope="col">Bin</th>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody>`,
    `<tfoot><tr><th scope="row">All bins</th>${series.map((s) => `<td>${s.histogram.total.toLocaleString('en-US')}</td>`).join('')}</tr></tfoot>`,
    '</table>',
    '</section>',
  ].join('');
}
