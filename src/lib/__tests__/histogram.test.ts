import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binEdges, countAxis, domainOf, formatTick, histogram, niceStep, niceTicks } from '../histogram.ts';

describe('binEdges', () => {
  it('splits the domain into equal bins whose ends are the domain ends exactly', () => {
    expect(binEdges([-4, 4], 8)).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(binEdges([-4, 4], 32)[1]).toBe(-3.75);
    const edges = binEdges([0.1, 0.7], 3);
    expect(edges[0]).toBe(0.1);
    expect(edges[3]).toBe(0.7);
    expect(edges).toHaveLength(4);
  });

  it('rejects a domain that is empty, reversed or not finite, and a bad bin count', () => {
    expect(() => binEdges([1, 1], 4)).toThrow(RangeError);
    expect(() => binEdges([2, 1], 4)).toThrow(/low < high/);
    expect(() => binEdges([0, Infinity], 4)).toThrow(/finite/);
    expect(() => binEdges([Number.NaN, 1], 4)).toThrow(/finite/);
    expect(() => binEdges([0, 1], 0)).toThrow(/whole number of bins/);
    expect(() => binEdges([0, 1], 2.5)).toThrow(/whole number of bins/);
  });

  it('rejects a domain too narrow for distinct edges in float64', () => {
    expect(() => binEdges([1e9, 1e9 + 1e-7], 64)).toThrow(/too narrow/);
  });
});

describe('histogram', () => {
  it('counts each value in its bin; the counts sum to n', () => {
    const h = histogram([0.1, 0.2, 1.5, 2.5, 2.6, 3.9], { domain: [0, 4], bins: 4 });
    expect(h.counts).toEqual([2, 1, 2, 1]);
    expect(h.total).toBe(6);
    expect(h.below + h.above + h.skipped).toBe(0);
  });

  it('puts a value on an inner edge in the bin that starts there, and the top edge in the last bin', () => {
    const h = histogram([0, 1, 2, 3, 4], { domain: [0, 4], bins: 4 });
    expect(h.counts).toEqual([1, 1, 1, 2]);
    // Edges that are not exact in binary: every edge value lands in the bin starting at it.
    const edges = binEdges([0.1, 0.7], 6);
    const onEdges = histogram(edges.slice(0, 6), { domain: [0.1, 0.7], bins: 6 });
    expect(onEdges.counts).toEqual([1, 1, 1, 1, 1, 1]);
    const justBelow = histogram(
      edges.slice(1, 6).map((e) => e - Number.EPSILON * e),
      { domain: [0.1, 0.7], bins: 6 },
    );
    expect(justBelow.counts).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it('counts values outside the domain in the edge bins when clamping, and says how many', () => {
    const h = histogram([-10, -4, 0, 4, 4.5, Infinity, -Infinity], { domain: [-4, 4], bins: 2 });
    expect(h.counts).toEqual([3, 4]);
    expect(h.below).toBe(2);
    expect(h.above).toBe(2);
    expect(h.clamped).toBe(true);
    expect(h.total).toBe(7);
  });

  it('leaves values outside the domain out when told to drop them', () => {
    const h = histogram([-10, -4, 0, 4, 4.5], { domain: [-4, 4], bins: 2, outside: 'drop' });
    expect(h.counts).toEqual([1, 2]);
    expect(h.below).toBe(1);
    expect(h.above).toBe(1);
    expect(h.clamped).toBe(false);
    expect(h.total).toBe(3);
  });

  it('skips NaN and counts it', () => {
    const h = histogram([Number.NaN, 1, Number.NaN], { domain: [0, 2], bins: 2 });
    expect(h.counts).toEqual([0, 1]);
    expect(h.skipped).toBe(2);
    expect(h.total).toBe(1);
  });

  it('handles empty input: every count 0', () => {
    const h = histogram([], { domain: [0, 1], bins: 5 });
    expect(h.counts).toEqual([0, 0, 0, 0, 0]);
    expect(h.total).toBe(0);
  });

  it('puts constant data in one bin, with a domain made around it', () => {
    const values = new Float64Array(100).fill(3.7);
    const domain = domainOf(values);
    expect(domain[0]).toBeLessThan(3.7);
    expect(domain[1]).toBeGreaterThan(3.7);
    const h = histogram(values, { domain, bins: 10 });
    expect(h.total).toBe(100);
    expect(h.counts.filter((c) => c > 0)).toEqual([100]);
  });

  it('with clamping, the counts sum to the number of values that are not NaN, whatever the values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true })),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        (values, low, span, bins) => {
          const h = histogram(values, { domain: [low, low + span], bins });
          expect(h.total).toBe(values.length);
          expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
        },
      ),
    );
  });

  it('agrees with the definition: bin i holds edges[i] ≤ x < edges[i + 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { maxLength: 50 }), fc.integer({ min: 1, max: 40 }), (values, bins) => {
        const domain = [-5, 5] as const;
        const edges = binEdges(domain, bins);
        const expected = edges.slice(0, bins).map((low, i) =>
          values.filter((x) => x >= low && (i === bins - 1 ? x <= edges[bins] : x < edges[i + 1])).length,
        );
        expect(histogram(values, { domain, bins }).counts).toEqual(expected);
      }),
    );
  });
});

describe('nice ticks', () => {
  it('steps are 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(8, 8)).toBe(1);
    expect(niceStep(8, 4)).toBe(2);
    expect(niceStep(8, 2)).toBe(5);
    expect(niceStep(0.8, 8)).toBe(0.1);
    expect(niceStep(0.8, 3)).toBe(0.5);
    expect(niceStep(16.3, 8)).toBe(5);
    expect(niceStep(1300, 6)).toBe(500);
    expect(() => niceStep(0, 5)).toThrow(RangeError);
  });

  it('ticks fall inside the range, at most as many as asked, printed without float noise', () => {
    expect(niceTicks(-4, 4, 9).ticks).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(niceTicks(-3.2, 13.1, 9).ticks).toEqual([0, 5, 10]);
    expect(niceTicks(0.1, 0.7, 7).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(-0.3, 0.3, 4).ticks).toEqual([-0.2, 0, 0.2]);
    expect(Object.is(niceTicks(-1, 1, 3).ticks[1], 0)).toBe(true);
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.integer({ min: 2, max: 12 }), (low, span, maxTicks) => {
        const high = low + span;
        const { ticks } = niceTicks(low, high, maxTicks);
        expect(ticks.length).toBeLessThanOrEqual(maxTicks);
        for (const t of ticks) {
          expect(t).toBeGreaterThanOrEqual(low - span * 1e-9);
          expect(t).toBeLessThanOrEqual(high + span * 1e-9);
        }
      }),
    );
  });

  it('a count axis has whole-number ticks from 0 up to a top at or above the largest count', () => {
    expect(countAxis(23, 6)).toEqual({ top: 25, step: 5, ticks: [0, 5, 10, 15, 20, 25] });
    expect(countAxis(3, 7)).toEqual({ top: 3, step: 1, ticks: [0, 1, 2, 3] });
    expect(countAxis(0, 5)).toEqual({ top: 1, step: 1, ticks: [0, 1] });
  });

  it('a data domain covers the values with nice ends; empty input gives [0, 1]', () => {
    expect(domainOf([0.3, 9.7])).toEqual([0, 10]);
    expect(domainOf([-2.2, 3.1])).toEqual([-4, 4]); // step 2: 5.3 / 5 intervals > 1
    expect(domainOf([-2.2, 3.1], 11)).toEqual([-3, 4]); // step 1: 5.3 / 10 > 0.5
    expect(domainOf([])).toEqual([0, 1]);
    expect(domainOf([Number.NaN, Infinity])).toEqual([0, 1]);
    const [low, high] = domainOf([1e12]);
    expect(low).toBeLessThan(1e12);
    expect(high).toBeGreaterThan(1e12);
  });

  it('tick labels have the step’s decimals and a true minus sign, never −0', () => {
    expect(formatTick(-4, 1)).toBe('−4');
    expect(formatTick(0.30000000000000004, 0.1)).toBe('0.3');
    expect(formatTick(-0, 0.5)).toBe('0.0');
    expect(formatTick(2.5, 0.5)).toBe('2.5');
    expect(formatTick(1500, 500)).toBe('1500');
  });
});
