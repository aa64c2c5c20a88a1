/**
 * A line chart built as a string, without the DOM, so that the build-time render and the browser
 * produce the same markup: named series of (x, y) points, optional horizontal reference lines
 * (such as a true mean), axes with round ("nice") ticks and labels, a legend, and the same numbers
 * as an HTML table for screen readers. Colours come from the classes in line-chart.css, which use
 * Starlight's theme variables; each series also has its own dash pattern and marker shape, so the
 * series stay apart without colour. The legend is HTML below the SVG, so it wraps and keeps the
 * page's text size on a phone, where the SVG (and its text) scales down.
 */
import { significant } from '../../lib/display.ts';
import { escapeHtml } from '../html.ts';

export interface Point {
  x: number;
  y: number;
}

export interface LineSeries {
  name: string;
  points: readonly Point[];
}

/** A horizontal line across the plot at `y`, labelled "name = y" (e.g. "True mean μ = 3"). */
export interface ReferenceLine {
  name: string;
  y: number;
}

export interface LineChartSpec {
  /** Unique in the page: the prefix of the ids that title and description get. */
  id: string;
  title: string;
  /** The text alternative: what the chart shows and what to notice. */
  description: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  references?: readonly ReferenceLine[];
  /** A range the x axis always covers, widened to fit the data (so 3 points are not stretched to the full width). */
  xRange?: readonly [number, number];
  yRange?: readonly [number, number];
  /** Whether x ticks must be whole numbers, for counts such as steps. */
  integerX?: boolean;
  /** How reference values are written in labels and the table (default: 6 significant digits). */
  formatY?: (y: number) => string;
  /** Size of the SVG's coordinate system (default 560 × 300); it scales to the width of its container. */
  width?: number;
  height?: number;
  /** Text size in the SVG's units (default 13); a narrower chart is scaled down less on a phone. */
  fontSize?: number;
}

export interface Ticks {
  /** The axis range, widened to whole multiples of `step`. */
  min: number;
  max: number;
  step: number;
  values: number[];
}

/** How many series styles (colour, dash, marker) there are before they repeat. */
export const SERIES_STYLES = 5;
const DASHES = ['', '8 4', '2 3', '10 3 2 3', '5 2'];
/** Most markers drawn per series; longer series get one on every k-th point. */
const MAX_MARKERS = 24;

/** The smallest of 1, 2 or 5 times a power of ten that splits `span` into at most `maxTicks` steps. */
export function niceStep(span: number, maxTicks: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const rough = span / Math.max(1, maxTicks);
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const factor of [1, 2, 5, 10]) {
    const step = factor * power;
    if (span / step <= maxTicks + 1e-9) return step;
  }
  return 10 * power;
}

/** Removes the binary noise that multiples of decimal steps pick up: 3 × 0.1 = 0.30000000000000004 → 0.3. */
function clean(value: number, step: number): number {
  const decimals = Math.min(100, Math.max(0, Math.ceil(-Math.log10(step) - 1e-9) + 1));
  const rounded = Number(value.toFixed(decimals));
  return rounded === 0 ? 0 : rounded;
}

/**
 * Round ticks covering [min, max]: at most about `maxTicks` intervals, the range widened to whole
 * steps. An empty range (min = max) is widened around its value first.
 */
export function niceTicks(min: number, max: number, maxTicks: number, integer = false): Ticks {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  let step = niceStep(hi - lo, maxTicks);
  if (integer) step = Math.max(1, step);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  for (let i = first; i <= last; i++) values.push(clean(i * step, step));
  return { min: values[0], max: values[values.length - 1], step, values };
}

/** The linear map taking `domain` onto `range`. */
export function scaleLinear(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const factor = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * factor;
}

/** A tick label with as many decimals as the step needs, and a real minus sign. */
export function formatTick(value: number, step: number): string {
  const magnitude = Math.max(Math.abs(value), step);
  let text: string;
  if (magnitude >= 1e6 || step < 1e-4) text = value === 0 ? '0' : Number(value.toPrecision(6)).toExponential();
  else text = value.toFixed(Math.max(0, Math.ceil(-Math.log10(step) - 1e-9)));
  if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
  return text.replace(/^-/, '−');
}

/** Coordinates in the SVG, rounded to 0.01 so the markup stays short. */
function r(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A marker of the given style centred on (x, y); five shapes, one per series style. */
function marker(style: number, x: number, y: number): string {
  const s = 3.5;
  switch (style % SERIES_STYLES) {
    case 0:
      return `<circle cx="${r(x)}" cy="${r(y)}" r="${s}"/>`;
    case 1:
      return `<rect x="${r(x - s)}" y="${r(y - s)}" width="${2 * s}" height="${2 * s}"/>`;
    case 2:
      return `<path d="M${r(x)} ${r(y - s - 1)}L${r(x + s + 0.5)} ${r(y + s - 0.5)}L${r(x - s - 0.5)} ${r(y + s - 0.5)}Z"/>`;
    case 3:
      return `<path d="M${r(x)} ${r(y - s - 1)}L${r(x + s + 1)} ${r(y)}L${r(x)} ${r(y + s + 1)}L${r(x - s - 1)} ${r(y)}Z"/>`;
    default:
      return `<path d="M${r(x - s)} ${r(y - s)}L${r(x + s)} ${r(y + s)}M${r(x + s)} ${r(y - s)}L${r(x - s)} ${r(y + s)}" class="line-chart-cross"/>`;
  }
}

/** Indexes of the points that get a marker: all of a short series, else every k-th and the last. */
function markerIndexes(count: number): number[] {
  const every = Math.max(1, Math.ceil(count / MAX_MARKERS));
  const indexes: number[] = [];
  for (let i = 0; i < count; i += every) indexes.push(i);
  if (count > 0 && indexes[indexes.length - 1] !== count - 1) indexes.push(count - 1);
  return indexes;
}

/** The SVG path through the finite points; a non-finite one breaks the line. */
function pathData(points: readonly Point[], sx: (v: number) => number, sy: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const { x, y } of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${r(sx(x))} ${r(sy(y))}`;
    pen = true;
  }
  return d;
}

/** Rough width of a label in the SVG's units, for the margins (no DOM to measure with). */
function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

/** "name = value", as reference lines are labelled. */
function referenceLabel(line: ReferenceLine, spec: LineChartSpec): string {
  const format = spec.formatY ?? ((y: number) => significant(y, 6));
  return `${line.name} = ${format(line.y)}`;
}

function finite(values: number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

/** The chart's ticks for both axes, so the SVG and tests agree on them. */
export function chartTicks(spec: LineChartSpec, plotWidth: number, plotHeight: number): { x: Ticks; y: Ticks } {
  const points = spec.series.flatMap((s) => s.points);
  const xs = finite([...points.map((p) => p.x), ...(spec.xRange ?? [])]);
  const ys = finite([...points.map((p) => p.y), ...(spec.references ?? []).map((line) => line.y), ...(spec.yRange ?? [])]);
  const x = niceTicks(Math.min(...xs), Math.max(...xs), Math.max(2, Math.floor(plotWidth / 70)), spec.integerX);
  const y = niceTicks(Math.min(...ys), Math.max(...ys), Math.max(2, Math.floor(plotHeight / 45)));
  return { x, y };
}

/** A legend's sample of a series style: a short stretch of line with its marker. */
function swatch(style: number): string {
  const dash = DASHES[style % SERIES_STYLES];
  return (
    `<svg class="line-chart-swatch" width="34" height="14" viewBox="0 0 34 14" aria-hidden="true" focusable="false">` +
    `<g class="line-chart-series line-chart-s${style % SERIES_STYLES}"><path d="M1 7H33"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` +
    `<g class="line-chart-markers">${marker(style, 17, 7)}</g></g></svg>`
  );
}

function referenceSwatch(): string {
  return `<svg class="line-chart-swatch" width="34" height="14" viewBox="0 0 34 14" aria-hidden="true" focusable="false"><path class="line-chart-reference" d="M1 7H33"/></svg>`;
}

/**
 * The chart: an `<svg role="img">` labelled by its title and described by its description, with axes, ticks, the
 * series and the reference lines, followed by an HTML legend. All text is escaped.
 */
export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 560;
  const height = spec.height ?? 300;
  const references = spec.references ?? [];
  const fontSize = spec.fontSize ?? 13;
  // A first guess at the plot's size picks the ticks, whose labels then set the left margin.
  const guess = chartTicks(spec, width - 70, height - 60);
  const yTickLabels = guess.y.values.map((v) => formatTick(v, guess.y.step));
  const left = Math.ceil(fontSize * 1.4 + 10 + Math.max(...yTickLabels.map((label) => textWidth(label, fontSize))));
  const right = 14;
  const top = 12;
  const bottom = Math.ceil(fontSize * 2.6 + 14);
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const ticks = chartTicks(spec, plotWidth, plotHeight);
  const sx = scaleLinear([ticks.x.min, ticks.x.max], [left, left + plotWidth]);
  const sy = scaleLinear([ticks.y.min, ticks.y.max], [top + plotHeight, top]);
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;

  const parts: string[] = [];
  parts.push(
    `<svg class="line-chart-svg" viewBox="0 0 ${width} ${height}" font-size="${fontSize}" role="img" aria-labelledby="${escapeHtml(titleId)}" aria-describedby="${escapeHtml(descId)}">`,
    `<title id="${escapeHtml(titleId)}">${escapeHtml(spec.title)}</title>`,
    `<desc id="${escapeHtml(descId)}">${escapeHtml(spec.description)}</desc>`,
  );

  // Grid lines and tick labels.
  const grid: string[] = [];
  const labels: string[] = [];
  for (const value of ticks.y.values) {
    const y = sy(value);
    grid.push(`M${r(left)} ${r(y)}H${r(left + plotWidth)}`);
    labels.push(`<text x="${r(left - 6)}" y="${r(y)}" class="line-chart-tick line-chart-tick-y">${escapeHtml(formatTick(value, ticks.y.step))}</text>`);
  }
  for (const value of ticks.x.values) {
    const x = sx(value);
    grid.push(`M${r(x)} ${r(top)}V${r(top + plotHeight)}`);
    labels.push(`<text x="${r(x)}" y="${r(top + plotHeight + fontSize + 5)}" class="line-chart-tick line-chart-tick-x">${escapeHtml(formatTick(value, ticks.x.step))}</text>`);
  }
  parts.push(`<path class="line-chart-grid" d="${grid.join('')}"/>`);
  parts.push(`<path class="line-chart-axis" d="M${r(left)} ${r(top)}V${r(top + plotHeight)}H${r(left + plotWidth)}"/>`);
  parts.push(...labels);
  parts.push(
    `<text x="${r(left + plotWidth / 2)}" y="${r(height - 6)}" class="line-chart-axis-label">${escapeHtml(spec.xLabel)}</text>`,
    `<text transform="translate(${r(fontSize + 2)} ${r(top + plotHeight / 2)}) rotate(-90)" class="line-chart-axis-label">${escapeHtml(spec.yLabel)}</text>`,
  );

  // Reference lines, labelled at their left end above the line.
  references.forEach((line) => {
    if (!Number.isFinite(line.y)) return;
    const y = sy(line.y);
    parts.push(
      `<path class="line-chart-reference" d="M${r(left)} ${r(y)}H${r(left + plotWidth)}"/>`,
      `<text x="${r(left + 6)}" y="${r(y - 5)}" class="line-chart-reference-label">${escapeHtml(referenceLabel(line, spec))}</text>`,
    );
  });

  // The series, each with its colour class, dash pattern and markers.
  spec.series.forEach((series, i) => {
    const style = i % SERIES_STYLES;
    const dash = DASHES[style];
    const d = pathData(series.points, sx, sy);
    const markers = markerIndexes(series.points.length)
      .map((k) => series.points[k])
      .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y))
      .map((p) => marker(style, sx(p.x), sy(p.y)))
      .join('');
    parts.push(
      `<g class="line-chart-series line-chart-s${style}" data-series="${escapeHtml(series.name)}">`,
      d ? `<path d="${d}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>` : '',
      `<g class="line-chart-markers">${markers}</g>`,
      `</g>`,
    );
  });
  parts.push(`</svg>`);

  const legend = [
    ...spec.series.map((series, i) => `<li>${swatch(i)}<span>${escapeHtml(series.name)}</span></li>`),
    ...references.map((line) => `<li>${referenceSwatch()}<span>${escapeHtml(referenceLabel(line, spec))}</span></li>`),
  ];
  return `<div class="line-chart">${parts.join('')}<ul class="line-chart-legend" aria-label="Legend">${legend.join('')}</ul></div>`;
}

export interface TableOptions {
  caption: string;
  /** Classes of the `<table>`, e.g. the islands' `island-table`. */
  className?: string;
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
}

/**
 * The chart's numbers as an HTML table: one row per x value, one column per series, a dash where a
 * series has no point at that x. The caption ends with the reference lines and their values.
 */
export function lineChartTable(spec: LineChartSpec, options: TableOptions): string {
  const formatX = options.formatX ?? ((x: number) => significant(x, 6));
  const formatY = options.formatY ?? ((y: number) => significant(y, 6));
  const xs = [...new Set(spec.series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const lookups = spec.series.map((s) => new Map(s.points.map((p) => [p.x, p.y])));
  const references = (spec.references ?? []).map((line) => referenceLabel(line, spec)).join('; ');
  const caption = references ? `${options.caption} Reference lines: ${references}.` : options.caption;
  const head = `<tr><th scope="col">${escapeHtml(spec.xLabel)}</th>${spec.series.map((s) => `<th scope="col">${escapeHtml(s.name)}</th>`).join('')}</tr>`;
  const rows = xs.map((x) => {
    const cells = lookups.map((lookup) => {
      const y = lookup.get(x);
      return `<td>${y === undefined ? '—' : escapeHtml(formatY(y))}</td>`;
    });
    return `<tr><th scope="row">${escapeHtml(formatX(x))}</th>${cells.join('')}</tr>`;
  });
  const className = options.className ? ` class="${escapeHtml(options.className)}"` : '';
  return `<table${className}><caption>${escapeHtml(caption)}</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}
