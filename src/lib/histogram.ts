/**
 * Histograms for the charts: counting values into equal-width bins, choosing an axis range that
 * covers the data, and "nice" axis ticks (1, 2 or 5 times a power of ten). Pure numerics, no DOM.
 */

/** An axis range [low, high], low < high. */
export type Domain = readonly [number, number];

export interface Histogram {
  /** `bins + 1` increasing edges. Bin i holds edges[i] ≤ x < edges[i + 1]; the last bin also holds its right edge. */
  readonly edges: readonly number[];
  /** How many values fell in each bin. */
  readonly counts: readonly number[];
  /** Values below the first edge and above the last one (counted in the edge bins when `clamped`, else left out). */
  readonly below: number;
  readonly above: number;
  /** Whether values outside the domain are counted in the first or last bin. */
  readonly clamped: boolean;
  /** NaN values, which no bin can hold. */
  readonly skipped: number;
  /** The sum of `counts`. */
  readonly total: number;
}

export interface BinOptions {
  domain: Domain;
  bins: number;
  /** 'clamp' (the default) counts values outside the domain in the first or last bin; 'drop' leaves them out. */
  outside?: 'clamp' | 'drop';
}

/** Throws a RangeError unless the domain is finite with low < high and `bins` is a whole number from 1. */
function checkBinning(domain: Domain, bins: number): void {
  const [low, high] = domain;
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new RangeError(`A histogram's domain must be two finite numbers, low < high; got [${low}, ${high}].`);
  }
  if (!Number.isInteger(bins) || bins < 1 || bins > 10_000) {
    throw new RangeError(`A histogram needs a whole number of bins from 1 to 10,000; got ${bins}.`);
  }
}

/** The `bins + 1` edges of equal-width bins over the domain; the first and last are the domain's ends exactly. */
export function binEdges(domain: Domain, bins: number): number[] {
  checkBinning(domain, bins);
  const [low, high] = domain;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : low + ((high - low) * i) / bins));
  for (let i = 1; i <= bins; i++) {
    if (!(edges[i] > edges[i - 1])) {
      throw new RangeError(`The domain [${low}, ${high}] is too narrow for ${bins} distinct bins in float64.`);
    }
  }
  return edges;
}

/** The bin of a value inside [edges[0], edges[last]], decided by the edges themselves (not by rounding). */
function binOf(x: number, edges: readonly number[]): number {
  const bins = edges.length - 1;
  const low = edges[0];
  const high = edges[bins];
  let i = Math.min(bins - 1, Math.max(0, Math.floor(((x - low) / (high - low)) * bins)));
  while (i > 0 && x < edges[i]) i--;
  while (i < bins - 1 && x >= edges[i + 1]) i++;
  return i;
}

/** Counts the values into equal-width bins over `domain`. Infinite values count as outside; NaN is skipped. */
export function histogram(values: ArrayLike<number>, options: BinOptions): Histogram {
  const { domain, bins, outside = 'clamp' } = options;
  const edges = binEdges(domain, bins);
  const clamped = outside === 'clamp';
  const counts = new Array<number>(bins).fill(0);
  let below = 0;
  let above = 0;
  let skipped = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) {
      skipped++;
    } else if (x < edges[0]) {
      below++;
      if (clamped) counts[0]++;
    } else if (x > edges[bins]) {
      above++;
      if (clamped) counts[bins - 1]++;
    } else {
      counts[binOf(x, edges)]++;
    }
  }
  const total = counts.reduce((sum, count) => sum + count, 0);
  return { edges, counts, below, above, clamped, skipped, total };
}

/**
 * The nice step (1, 2 or 5 times a power of ten) for an axis spanning `span` with at most
 * `intervals` steps: the smallest such step ≥ span / intervals.
 */
export function niceStep(span: number, intervals: number): number {
  if (!Number.isFinite(span) || span <= 0) throw new RangeError(`An axis span must be a positive finite number; got ${span}.`);
  const raw = span / Math.max(1, Math.floor(intervals));
  const exponent = Math.floor(Math.log10(raw));
  for (const mantissa of [1, 2, 5, 10]) {
    const step = stepValue(mantissa, exponent);
    if (step >= raw * (1 - 1e-12)) return step;
  }
  return stepValue(10, exponent); // not reached: 10 × 10^floor(log10(raw)) > raw
}

/** mantissa × 10^exponent, computed so that 0.1, 0.2, 0.05… come out as the nearest doubles to those decimals. */
function stepValue(mantissa: number, exponent: number): number {
  return exponent < 0 ? mantissa / 10 ** -exponent : mantissa * 10 ** exponent;
}

/** Decimal places that show every multiple of `step` exactly (0 for 1, 2, 5, 10…; 1 for 0.5; 2 for 0.05). */
export function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * Nice tick values inside [low, high], at most `maxTicks` of them (from 2): the multiples of
 * `niceStep(high − low, maxTicks − 1)`, rounded so that 0.1 + 0.2 prints as 0.3.
 */
export function niceTicks(low: number, high: number, maxTicks: number): { step: number; ticks: number[] } {
  if (!Number.isFinite(low) || !Number.isFinite(high) || !(low < high)) {
    throw new RangeError(`Ticks need two finite numbers, low < high; got [${low}, ${high}].`);
  }
  const step = niceStep(high - low, Math.max(2, maxTicks) - 1);
  const decimals = stepDecimals(step);
  const first = Math.ceil(low / step - 1e-9);
  const last = Math.floor(high / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) {
    const tick = Number((k * step).toFixed(Math.min(decimals, 100)));
    ticks.push(tick === 0 ? 0 : tick); // no -0
  }
  return { step, ticks };
}

/** A count axis from 0: a whole-number step, a top that is a multiple of it (≥ maxCount and ≥ 1), and its ticks. */
export function countAxis(maxCount: number, maxTicks: number): { top: number; step: number; ticks: number[] } {
  const largest = Number.isFinite(maxCount) && maxCount > 0 ? maxCount : 1;
  const step = Math.max(1, niceStep(largest, Math.max(2, maxTicks) - 1));
  const top = Math.ceil(largest / step) * step;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, k) => k * step);
  return { top, step, ticks };
}

/**
 * An axis range that covers the finite values, widened to multiples of a nice step. Empty input
 * gives [0, 1]; constant input a range centred on the value.
 */
export function domainOf(values: ArrayLike<number>, maxTicks = 6): Domain {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isFinite(x)) {
      if (x < low) low = x;
      if (x > high) high = x;
    }
  }
  if (low > high) return [0, 1];
  if (low === high) {
    const half = Math.max(0.5, Math.abs(low) * 1e-6);
    low -= half;
    high += half;
  }
  const { step } = niceTicks(low, high, maxTicks);
  const niceLow = Math.floor(low / step + 1e-9) * step;
  const niceHigh = Math.ceil(high / step - 1e-9) * step;
  const decimals = Math.min(stepDecimals(step), 100);
  return [Number(niceLow.toFixed(decimals)), Number(niceHigh.toFixed(decimals))];
}

/** A tick label: the value with the step's decimals and a true minus sign (−), never "-0". */
export function formatTick(value: number, step: number): string {
  const text = value.toFixed(Math.min(stepDecimals(step), 100));
  return Number(text) === 0 ? text.replace('-', '') : text.replace('-', '−');
}
