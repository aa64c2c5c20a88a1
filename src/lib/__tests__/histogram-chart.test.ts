import { escapeHtml } from '../../components/html.ts';
import { describe, expect, it } from 'vitest';
import { formatEdge, histogramSvg, histogramTable, type HistogramChartOptions } from '../../components/charts/histogram.ts';
import { histogram } from '../histogram.ts';

const base: HistogramChartOptions = {
  id: 'chart',
  title: 'A batch',
  xLabel: 'x',
  series: [{ label: 'Batch', values: [0.5, 1.5, 1.7, 2.5, 9] }],
  domain: [0, 4],
  bins: 4,
};

/** The text of every <td> in a table string. */
function cells(html: string): string[] {
  return [...html.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
}

describe('histogramSvg', () => {
  it('is an image named by its title and described by a summary of the counts', () => {
    const svg = histogramSvg(base);
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="chart-title" aria-describedby="chart-desc"/);
    expect(svg).toContain('<title id="chart-title">A batch</title>');
    expect(svg).toContain(
      '<desc id="chart-desc">5 values in 4 bins of width 1 from 0 to 4. The fullest bin, 1 ≤ x &lt; 2, holds 2. 1 value above 4 is counted in the last bin.</desc>',
    );
    expect(svg).toContain('1 above 4 →');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('draws a bar for every non-empty bin, and labels both axes', () => {
    const svg = histogramSvg(base);
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg).toContain('>Count</text>');
    expect(svg).toMatch(/>x<\/text>/);
    const empty = histogramSvg({ ...base, series: [{ label: 'Batch', values: [0.5] }] });
    expect(empty.match(/<rect /g)).toHaveLength(1);
  });

  it('escapes every text it writes', () => {
    const svg = histogramSvg({ ...base, id: 'a"b', title: '<script>alert(1)</script>', xLabel: 'x & "y"', markers: [{ value: 1, label: "it's <b>" }] });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('x &amp; &quot;y&quot;');
    expect(svg).toContain('id="a&quot;b-title"');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('takes precomputed bins as well as values, with the same result', () => {
    const h = histogram([0.5, 1.5, 1.7, 2.5, 9], { domain: [0, 4], bins: 4 });
    expect(histogramSvg({ ...base, series: [{ label: 'Batch', histogram: h }] })).toBe(histogramSvg(base));
  });

  it('draws empty and constant data without NaN', () => {
    for (const values of [[], [3, 3, 3]]) {
      const options = { ...base, series: [{ label: 'Batch', values }], domain: undefined };
      expect(histogramSvg(options)).not.toMatch(/NaN|Infinity/);
      expect(histogramTable(options)).not.toMatch(/NaN|Infinity/);
    }
  });

  it('draws several series over the same bins with a legend, and refuses series with other bins', () => {
    const svg = histogramSvg({
      ...base,
      series: [
        { label: 'Before', values: [0.5, 1.5] },
        { label: 'After', values: [2.5, 3.5] },
      ],
    });
    expect(svg).toContain('>Before</text>');
    expect(svg).toContain('>After</text>');
    expect(svg).toMatch(/<path d="M[^"]+" style="fill:none;stroke:var\(--sl-color-orange-high\)/);
    expect(svg).toContain('Before: 2 values in 4 bins');
    const other = histogram([1], { domain: [0, 5], bins: 4 });
    expect(() => histogramSvg({ ...base, series: [base.series[0], { label: 'Other', histogram: other }] })).toThrow(/share their bins/);
    expect(() => histogramSvg({ ...base, series: [] })).toThrow(/at least one series/);
  });

  it('draws a marker inside the domain and skips one outside', () => {
    const svg = histogramSvg({ ...base, markers: [{ value: 2, label: 'mean' }, { value: 7, label: 'far' }] });
    expect(svg).toContain('>mean</text>');
    expect(svg).not.toContain('>far</text>');
    expect(svg).toContain('A dashed line marks the mean at 2.');
  });
});

describe('histogramTable', () => {
  it('has a row per bin, open-ended edge bins when clamping, the total, and a caption naming the chart', () => {
    const html = histogramTable(base);
    expect(html).toContain('<section class="island-table-wrap histogram-table" tabindex="0" aria-labelledby="chart-table-caption"');
    expect(html).toContain('<caption id="chart-table-caption">A batch: counts per bin (1 value above 4, in the last row.)</caption>');
    expect([...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1])).toEqual([
      'x &lt; 1',
      '1 ≤ x &lt; 2',
      '2 ≤ x &lt; 3',
      'x ≥ 3',
      'All bins',
    ]);
    expect(cells(html)).toEqual(['1', '2', '1', '1', '5']);
  });

  it('says which values were left out when not clamping, and closes the last bin', () => {
    const html = histogramTable({ ...base, series: [{ label: 'Batch', histogram: histogram([-1, 0, 4, 5], { domain: [0, 4], bins: 2, outside: 'drop' }) }] });
    expect(html).toContain('0 ≤ x &lt; 2');
    expect(html).toContain('2 ≤ x ≤ 4');
    expect(html).toContain('1 value below 0, left out. 1 value above 4, left out.');
    expect(cells(html)).toEqual(['1', '1', '2']);
  });

  it('has a count column per series', () => {
    const html = histogramTable({
      ...base,
      series: [
        { label: 'Before', values: [0.5, 1.5] },
        { label: 'After', values: [2.5, 3.5, 3.6] },
      ],
    });
    expect(html).toContain('<th scope="col">Before: count</th><th scope="col">After: count</th>');
    expect(cells(html)).toEqual(['1', '0', '1', '0', '0', '1', '0', '2', '2', '3']);
  });
});

describe('formatEdge', () => {
  it('shows enough decimals to tell bins apart, no trailing zeros, and a true minus sign', () => {
    expect(formatEdge(-3.75, 0.25)).toBe('−3.75');
    expect(formatEdge(-3.5, 0.5)).toBe('−3.5');
    expect(formatEdge(3.0163, 0.4958)).toBe('3.02');
    expect(formatEdge(-1e-17, 0.25)).toBe('0');
    expect(formatEdge(1200, 100)).toBe('1200');
  });
});
