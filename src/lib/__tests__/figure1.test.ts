import { beforeAll, describe, expect, it } from 'vitest';
import { digitsText } from '../../data/digits.ts';
import { decodeDigits, splitDigits, type SplitDataset } from '../digits.ts';
import { BatchNormError } from '../matrix.ts';
import { uniformGenerator } from '../random.ts';
import { percentile } from '../statistics.ts';
import { multiplyTransposed, runFigure1, type Figure1Result } from '../figure1.ts';
import { DEFAULT_SETTINGS, recordFigure1, type Figure1Recording } from '../figure1-settings.ts';
import recorded from '../../data/figure1-default-run.json';

const data: SplitDataset = splitDigits(decodeDigits(digitsText));

describe('the digits data', () => {
  it('decodes 1,797 images of 64 pixels in [0, 1] with labels 0–9, split 1,500 / 297', () => {
    const all = decodeDigits(digitsText);
    expect(all.x).toHaveLength(1797);
    expect(all.x.every((row) => row.length === 64 && row.every((v) => v >= 0 && v <= 1))).toBe(true);
    expect(new Set(all.y)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(all.x[0].slice(0, 8).map((v) => v * 16)).toEqual([0, 0, 5, 13, 9, 1, 0, 0]); // the first row of the CSV
    expect([data.train.x.length, data.test.x.length]).toEqual([1500, 297]);
  });

  it('splits the same way every time, and differently for another seed', () => {
    const again = splitDigits(decodeDigits(digitsText));
    expect(again.test.y).toEqual(data.test.y);
    expect(splitDigits(decodeDigits(digitsText), 1500, 2).test.y).not.toEqual(data.test.y);
  });

  it('names a malformed line', () => {
    expect(() => decodeDigits('a'.repeat(64) + '3\nabc')).toThrow('Line 2 of the digits data is malformed');
  });
});

describe('percentile', () => {
  it("equals NumPy's default (linear) np.percentile", () => {
    expect([15, 50, 85].map((p) => percentile([1, 2, 3, 4], p))).toEqual([1.45, 2.5, 3.55]);
    const sorted = [-1.2, -0.7, 0.0, 0.3, 2.25, 3.1, 5.5];
    expect([15, 50, 85].map((p) => percentile(sorted, p))).toEqual([-0.75, 0.3, 3.3399999999999994]);
  });
});

describe('multiplyTransposed', () => {
  /** The plain triple loop: each entry one sum over k in order, starting from the bias or 0. */
  function naive(a: Float64Array, m: number, k: number, b: Float64Array, n: number, init: Float64Array | null): Float64Array {
    const c = new Float64Array(m * n);
    for (let row = 0; row < m; row++) {
      for (let col = 0; col < n; col++) {
        let s = init ? init[col] : 0;
        for (let i = 0; i < k; i++) s += a[row * k + i] * b[col * k + i];
        c[row * n + col] = s;
      }
    }
    return c;
  }

  it('equals the plain triple loop bit for bit, for blocked and leftover rows and columns', () => {
    const uniform = uniformGenerator(3);
    const random = () => (uniform() - 0.5) * 10 ** Math.floor(uniform() * 6 - 3);
    for (const [m, k, n] of [[1, 1, 1], [2, 3, 4], [3, 5, 7], [60, 64, 100], [5, 2, 10], [297, 100, 10]]) {
      const a = Float64Array.from({ length: m * k }, random);
      const b = Float64Array.from({ length: n * k }, random);
      const bias = Float64Array.from({ length: n }, random);
      for (const init of [null, bias]) {
        const c = new Float64Array(m * n);
        multiplyTransposed(a, m, k, b, n, init, c);
        expect(Array.from(c)).toEqual(Array.from(naive(a, m, k, b, n, init)));
      }
    }
  });
});

describe('runFigure1', () => {
  // The page's default run, once: the recording must equal it, and it must show the paper's picture.
  let run: Figure1Recording;
  let withBn: Figure1Result;
  let without: Figure1Result;
  beforeAll(() => {
    run = recordFigure1(data, DEFAULT_SETTINGS);
    ({ withBatchNorm: withBn, withoutBatchNorm: without } = run);
  }, 600_000); // four thousand training steps: seconds on a quiet machine, more on a busy one

  /** The index of the evaluation at `step`. */
  const at = (result: Figure1Result, step: number) => {
    const index = result.step.indexOf(step);
    if (index < 0) throw new Error(`no evaluation at step ${step}`);
    return index;
  };

  it('reproduces the committed recording of the default run exactly (which the page shows without JavaScript)', () => {
    expect(run).toEqual(recorded);
    expect(recorded.settings).toEqual({ steps: 2000, learningRate: 0.5, initStd: 0.1, seed: 1, batchSize: 60, evalEvery: 50 });
  });

  it('records an evaluation at step 0 and every evalEvery steps, with ordered percentiles', () => {
    for (const result of [withBn, without]) {
      expect(result.step).toEqual(Array.from({ length: 41 }, (_, i) => i * 50));
      expect(result.testAccuracy).toHaveLength(41);
      result.percentiles.forEach(([p15, p50, p85]) => expect(p15 <= p50 && p50 <= p85).toBe(true));
    }
  });

  it('with Batch Norm reaches at least 0.9 test accuracy by step 500; without, it is near chance at step 250', () => {
    expect(withBn.testAccuracy[at(withBn, 500)]).toBeGreaterThanOrEqual(0.9);
    expect(without.testAccuracy[at(without, 250)]).toBeLessThan(0.2);
    expect(without.testAccuracy[at(without, 1000)]).toBeGreaterThan(without.testAccuracy[at(without, 250)]);
    expect(withBn.testAccuracy[at(withBn, 2000)]).toBeGreaterThan(without.testAccuracy[at(without, 2000)]);
  });

  it("shows the paper's picture: without BN the unit's input drifts and spreads; with BN it stays put", () => {
    const spread = ([p15, , p85]: [number, number, number]) => p85 - p15;
    const p = (result: Figure1Result, step: number) => result.percentiles[at(result, step)];
    // Without BN: nearly constant at first (every example looks the same to the unit), then spreading.
    expect(spread(p(without, 250))).toBeLessThan(0.5);
    expect(spread(p(without, 1000))).toBeGreaterThan(2 * spread(p(without, 250)) + 0.5);
    // With BN: centred near 0 with a spread of a few units from the first evaluation on.
    for (const q of withBn.percentiles.slice(1)) {
      expect(Math.abs(q[1])).toBeLessThan(1);
      expect(spread(q)).toBeGreaterThan(1.5);
      expect(spread(q)).toBeLessThan(4.5);
    }
  });

  it('is deterministic: the same seed gives identical results, another seed different ones', () => {
    const a = runFigure1(data, { batchNorm: true, steps: 60, seed: 7, evalEvery: 20 });
    const b = runFigure1(data, { batchNorm: true, steps: 60, seed: 7, evalEvery: 20 });
    expect(b).toEqual(a);
    expect(runFigure1(data, { batchNorm: true, steps: 60, seed: 8, evalEvery: 20 })).not.toEqual(a);
  });

  it('reports progress after every evaluation', () => {
    const seen: number[] = [];
    runFigure1(data, { batchNorm: false, steps: 30, seed: 1, evalEvery: 10, onProgress: (r) => seen.push(r.step.at(-1)!) });
    expect(seen).toEqual([0, 10, 20, 30]);
  });

  const bad: [string, object, RegExp][] = [
    ['0 steps', { steps: 0 }, /steps must be a whole number from 1 to 100,000; got 0/],
    ['10⁷ steps', { steps: 1e7 }, /steps must be a whole number from 1 to 100,000; got 10000000/],
    ['fractional steps', { steps: 2.5 }, /steps must be a whole number/],
    ['text as steps', { steps: 'many' }, /steps must be a whole number from 1 to 100,000; got many/],
    ['a negative learning rate', { learningRate: -0.5 }, /learningRate must be a positive number; got -0.5/],
    ['a zero weight scale', { initStd: 0 }, /initStd must be a positive number; got 0/],
    ['NaN learning rate', { learningRate: Number.NaN }, /learningRate must be a positive number; got NaN/],
    ['a batch of one', { batchSize: 1 }, /batchSize must be a whole number from 2 to 1,500; got 1/],
    ['a negative seed', { seed: -1 }, /seed must be a whole number from 0/],
    ['evalEvery 0', { evalEvery: 0 }, /evalEvery must be a whole number/],
  ];
  for (const [name, options, message] of bad) {
    it(`rejects ${name}`, () => {
      const call = () => runFigure1(data, { batchNorm: true, steps: 10, seed: 1, ...options } as never);
      expect(call).toThrow(BatchNormError);
      expect(call).toThrow(message);
    });
  }

  it('rejects malformed data', () => {
    const broken = { train: { x: [[1, 2]], y: [3] }, test: data.test };
    expect(() => runFigure1(broken, { batchNorm: true, steps: 1, seed: 1 })).toThrow('train.x[0] must have 64 values; got 2.');
    const mislabelled = { train: data.train, test: { x: data.test.x.slice(0, 1), y: [12] } };
    expect(() => runFigure1(mislabelled, { batchNorm: true, steps: 1, seed: 1 })).toThrow('test.y[0] must be a digit 0–9; got 12.');
  });
});
