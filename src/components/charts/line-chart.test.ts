import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../html.ts';
import { SERIES_STYLES, formatTick, lineChart, lineChartTable, niceStep, niceTicks, scaleLinear, type LineChartSpec } from './line-chart.ts';

const spec: LineChartSpec = {
  id: 'test-chart',
  title: 'Running statistics',
  description: 'Two lines approach their true values.',
  xLabel: 'Batches fed',
  yLabel: 'Value',
  series: [
    { name: 'Running mean', points: [0, 1, 2, 3].map((x) => ({ x, y: x * 0.9 })) },
    { name: 'Running variance', points: [0, 1, 2, 3].map((x) => ({ x, y: 1 + x })) },
  ],
  references: [
    { name: 'True mean μ', y: 3 },
    { name: 'True variance σ²', y: 4 },
  ],
  integerX: true,
};

/** The numbers in an SVG path's data, in order. */
function pathNumbers(d: string): number[] {
  return (d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/** The `d` of each series' line, by series name. */
function seriesPaths(svg: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const match of svg.matchAll(/data-series="([^"]*)"><path d="([^"]*)"/g)) paths.set(match[1], match[2]);
  return paths;
}

describe('niceStep and niceTicks', () => {
  it('choose 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(30, 6)).toBe(5);
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(0.03, 5)).toBe(0.01);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(1000, 4)).toBe(500);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('widen the range to whole steps, with clean decimal values', () => {
    expect(niceTicks(0, 30, 6, true)).toEqual({ min: 0, max: 30, step: 5, values: [0, 5, 10, 15, 20, 25, 30] });
    expect(niceTicks(0.13, 4.87, 6)).toEqual({ min: 0, max: 5, step: 1, values: [0, 1, 2, 3, 4, 5] });
    expect(niceTicks(0.1, 0.3, 4).values).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    expect(niceTicks(-0.7, 0.2, 5).values).toEqual([-0.8, -0.6, -0.4, -0.2, 0, 0.2]);
    expect(niceTicks(0, 3, 10, true).step).toBe(1);
  });

  it('widen an empty or non-finite range instead of dividing by zero', () => {
    expect(niceTicks(3, 3, 5)).toMatchObject({ min: 2.6, max: 3.4 });
    expect(niceTicks(0, 0, 5)).toMatchObject({ min: -1, max: 1 });
    expect(niceTicks(Number.NaN, Number.POSITIVE_INFINITY, 5)).toMatchObject({ min: 0, max: 1 });
  });

  it('always cover the data with at most about maxTicks intervals', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 10 }), (lo, span, maxTicks) => {
        const ticks = niceTicks(lo, lo + span, maxTicks);
        // Within a billionth of a step (so that 0.30000000000000004 does not get a tick of its own) or float64's resolution.
        const slack = 1e-9 * ticks.step + 4 * Number.EPSILON * (Math.abs(lo) + span);
        expect(ticks.min).toBeLessThanOrEqual(lo + slack);
        expect(ticks.max).toBeGreaterThanOrEqual(lo + span - slack);
        expect(ticks.values.length - 1).toBeLessThanOrEqual(maxTicks + 2);
        expect([1, 2, 5]).toContain(Number((ticks.step / 10 ** Math.floor(Math.log10(ticks.step) + 1e-12)).toPrecision(6)));
      }),
    );
  });
});

describe('scaleLinear and formatTick', () => {
  it('map the domain onto the range, upside down for SVG y', () => {
    const sy = scaleLinear([0, 5], [200, 10]);
    expect(sy(0)).toBe(200);
    expect(sy(5)).toBe(10);
    expect(sy(2.5)).toBe(105);
    expect(scaleLinear([1, 1], [0, 100])(7)).toBe(0);
  });

  it('give as many decimals as the step needs, and a real minus sign', () => {
    expect(formatTick(0.30000000000000004, 0.1)).toBe('0.3');
    expect(formatTick(2, 0.5)).toBe('2.0');
    expect(formatTick(15, 5)).toBe('15');
    expect(formatTick(-2, 1)).toBe('−2');
    expect(formatTick(-0, 1)).toBe('0');
    expect(formatTick(-1e-17, 0.2)).toBe('0.0');
    expect(formatTick(0.05, 0.01)).toBe('0.05');
    expect(formatTick(1_500_000, 500_000)).toBe('1.5e+6');
  });
});

describe('lineChart', () => {
  const chart = lineChart(spec);

  it('is an image labelled by its title and described by its description', () => {
    expect(chart).toMatch(/<svg class="line-chart-svg" viewBox="0 0 560 300" font-size="13" role="img" aria-labelledby="test-chart-title" aria-describedby="test-chart-desc">/);
    expect(lineChart({ ...spec, width: 480, height: 320, fontSize: 14 })).toContain('viewBox="0 0 480 320" font-size="14"');
    expect(chart).toContain('<title id="test-chart-title">Running statistics</title>');
    expect(chart).toContain('<desc id="test-chart-desc">Two lines approach their true values.</desc>');
    expect(chart).toContain('>Batches fed</text>');
    expect(chart).toContain('>Value</text>');
  });

  it('draws every series with its own style and lists it, and every reference line, in the legend', () => {
    const paths = seriesPaths(chart);
    expect([...paths.keys()]).toEqual(['Running mean', 'Running variance']);
    expect(chart).toContain('class="line-chart-series line-chart-s0"');
    expect(chart).toContain('class="line-chart-series line-chart-s1" data-series="Running variance"><path d="M');
    expect(chart).toMatch(/data-series="Running variance"><path d="[^"]*" stroke-dasharray="8 4"/);
    const legend = chart.slice(chart.indexOf('<ul class="line-chart-legend"'));
    for (const name of ['Running mean', 'Running variance', 'True mean μ = 3', 'True variance σ² = 4']) {
      expect(legend).toContain(`<span>${escapeHtml(name)}</span>`);
    }
    expect(chart.match(/class="line-chart-reference"/g)).toHaveLength(2 + 2); // two lines and two legend swatches
    expect(chart).toContain('>True mean μ = 3</text>');
  });

  it('scales the points onto the axes: left to right, and larger values higher up', () => {
    const mean = pathNumbers(seriesPaths(chart).get('Running mean')!);
    const xs = mean.filter((_, i) => i % 2 === 0);
    const ys = mean.filter((_, i) => i % 2 === 1);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(ys).toEqual([...ys].sort((a, b) => b - a));
    // Equal steps in x and y are equal distances.
    expect(xs[2] - xs[1]).toBeCloseTo(xs[1] - xs[0], 1);
    expect(ys[1] - ys[2]).toBeCloseTo(ys[0] - ys[1], 1);
    // x = 0 sits on the tick labelled 0, and y = 4 on the true variance's line.
    expect(chart).toContain(`<text x="${xs[0]}" y=`);
    const variance = pathNumbers(seriesPaths(chart).get('Running variance')!);
    expect(chart).toContain(`<path class="line-chart-reference" d="M${xs[0]} ${variance[7]}H`);
  });

  it('breaks the line at a non-finite point and still draws the rest', () => {
    const svg = lineChart({ ...spec, series: [{ name: 'gappy', points: [{ x: 0, y: 1 }, { x: 1, y: Number.NaN }, { x: 2, y: 2 }, { x: 3, y: 3 }] }] });
    expect(seriesPaths(svg).get('gappy')).toMatch(/^M[\d.]+ [\d.]+M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/);
  });

  it('keeps the markers of a long series to a readable number', () => {
    const points = Array.from({ length: 1000 }, (_, x) => ({ x, y: Math.sin(x) }));
    const svg = lineChart({ ...spec, series: [{ name: 'long', points }], references: [] });
    const markers = svg.match(/<circle /g) ?? [];
    expect(markers.length).toBeGreaterThan(10);
    expect(markers.length).toBeLessThanOrEqual(26 + 1); // + the legend's
  });

  it('gives each of the first styles its own dash pattern and marker shape, then repeats', () => {
    const many = lineChart({ ...spec, series: Array.from({ length: SERIES_STYLES + 1 }, (_, i) => ({ name: `s${i}`, points: [{ x: 0, y: i }] })) });
    for (let i = 0; i < SERIES_STYLES; i++) expect(many).toContain(`class="line-chart-series line-chart-s${i}" data-series="s${i}"`);
    expect(many).toContain(`class="line-chart-series line-chart-s0" data-series="s${SERIES_STYLES}"`);
    const shapes = ['<circle', '<rect', '<path d="M', '<path d="M', 'line-chart-cross'];
    for (const shape of shapes) expect(many).toContain(shape);
  });

  it('escapes every text it interpolates', () => {
    const evil = '<script>alert("x")</script> & \'quotes\'';
    const svg = lineChart({ ...spec, id: 'a"b', title: evil, description: evil, xLabel: evil, yLabel: evil, series: [{ name: evil, points: [{ x: 1, y: 1 }] }], references: [{ name: evil, y: 0 }] });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('"x"');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
    expect(svg).toContain('id="a&quot;b-title"');
    const table = lineChartTable({ ...spec, xLabel: evil, series: [{ name: evil, points: [{ x: 1, y: 1 }] }] }, { caption: evil, className: 'x"y' });
    expect(table).not.toContain('<script>');
    expect(table).toContain('class="x&quot;y"');
  });

  it('handles an empty chart and a single point', () => {
    expect(lineChart({ ...spec, series: [], references: [] })).toContain('role="img"');
    const one = lineChart({ ...spec, series: [{ name: 'one', points: [{ x: 0, y: 0 }] }], references: [], xRange: [0, 10] });
    expect(seriesPaths(one).get('one')).toMatch(/^M[\d.]+ [\d.]+$/);
    expect(one).toContain('>10</text>');
  });
});

describe('lineChartTable', () => {
  it('has a row per x, a column per series, a dash for a missing point, and the reference lines in the caption', () => {
    const table = lineChartTable(
      { ...spec, series: [...spec.series, { name: 'Sparse', points: [{ x: 1, y: 0.5 }, { x: 5, y: 7 }] }] },
      { caption: 'The chart’s numbers.', className: 'island-table', formatY: (y) => y.toFixed(2) },
    );
    expect(table).toContain('<table class="island-table"><caption>The chart’s numbers. Reference lines: True mean μ = 3; True variance σ² = 4.</caption>');
    expect(table).toContain('<thead><tr><th scope="col">Batches fed</th><th scope="col">Running mean</th><th scope="col">Running variance</th><th scope="col">Sparse</th></tr></thead>');
    expect(table.match(/<tr><th scope="row">/g)).toHaveLength(5);
    expect(table).toContain('<tr><th scope="row">0</th><td>0.00</td><td>1.00</td><td>—</td></tr>');
    expect(table).toContain('<tr><th scope="row">5</th><td>—</td><td>—</td><td>7.00</td></tr>');
    expect(table).toContain('<tr><th scope="row">2</th><td>1.80</td><td>3.00</td><td>—</td></tr>');
  });
});
