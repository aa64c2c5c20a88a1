import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BatchNormError,
  batchNormalize,
  batchNormalizeMatrix,
  columnStats,
  matrixFromRows,
  matrixToRows,
} from '../batchnorm.ts';
import { pairwiseSum } from '../statistics.ts';
import { decode, numpyFixtures, pytorch } from './fixtures.ts';

/** Largest absolute difference between two equally shaped matrices. */
function maxDifference(a: number[][], b: number[][]): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  a.forEach((row, i) => {
    expect(row.length).toBe(b[i].length);
    row.forEach((v, j) => (max = Math.max(max, Math.abs(v - b[i][j]))));
  });
  return max;
}

describe('batchNormalize against NumPy', () => {
  for (const program of numpyFixtures.programs) {
    it(`${program.name}: every value equals NumPy's to the last bit`, () => {
      const data = program.data.map((row) => row.map(decode));
      const expected = program.normalized.map((row) => row.map(decode));
      if (expected.flat().some(Number.isNaN)) {
        // NaN never equals itself; compare positions and the other values.
        const actual = batchNormalize(data, program.epsilon);
        actual.flat().forEach((v, k) => expect(Object.is(v, expected.flat()[k]) || (Number.isNaN(v) && Number.isNaN(expected.flat()[k]))).toBe(true));
        return;
      }
      expect(batchNormalize(data, program.epsilon)).toEqual(expected);
    });
  }
});

describe('batchNormalize against PyTorch (float64)', () => {
  it('seed: BatchNorm1d(3) in training mode, to 1e-12', () => {
    expect(maxDifference(batchNormalize(pytorch.seed.x), pytorch.seed.y)).toBeLessThan(1e-12);
  });

  it('constant column: normalizes to 0, not NaN, thanks to epsilon', () => {
    const y = batchNormalize(pytorch.constant.x);
    expect(maxDifference(y, pytorch.constant.y)).toBeLessThan(1e-12);
    expect(y.flat().every(Number.isFinite)).toBe(true);
  });
});

describe('batchNormalize semantics', () => {
  it('uses the biased variance (divide by m) and the default epsilon 1e-5', () => {
    // Column [0, 2]: mean 1, biased variance 1, so y = ±1/sqrt(1 + 1e-5).
    const [[a], [b]] = batchNormalize([[0], [2]]);
    expect(a).toBe(-1 / Math.sqrt(1 + 1e-5));
    expect(b).toBe(1 / Math.sqrt(1 + 1e-5));
  });

  it('normalizes 1e9 plus small noise as accurately as the noise alone', () => {
    const noise = [[0.1, -3], [-0.2, 1], [0.4, 2], [-0.3, 0]];
    const offset = noise.map((row) => row.map((v) => v + 1e9));
    // The offset data carries the noise only to about 1e-7 absolute (the float64 spacing at 1e9).
    expect(maxDifference(batchNormalize(offset, 0), batchNormalize(noise, 0))).toBeLessThan(1e-6);
  });

  it('returns new arrays and leaves its input alone', () => {
    const X = [[1, 2], [3, 5]];
    const Y = batchNormalize(X);
    expect(X).toEqual([[1, 2], [3, 5]]);
    expect(Y).not.toBe(X);
  });

  it('gives 0 for every value of a single row', () => {
    expect(batchNormalize([[3, -7, 1e6]])).toEqual([[0, 0, 0]]);
  });

  it('matrixFromRows and matrixToRows round-trip', () => {
    const rows = [[1, 2, 3], [4, 5, 6]];
    const m = matrixFromRows(rows);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(matrixToRows(m)).toEqual(rows);
  });

  it("sums a single column pairwise, as NumPy does, and other shapes row by row", () => {
    const values = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i) * 1e3 + 0.1 * i);
    const column = columnStats({ rows: 300, cols: 1, data: values });
    expect(column.mean[0]).toBe(pairwiseSum(values, 300) / 300);
    // The pairwise order really differs from a plain loop for these values.
    let plain = 0;
    for (const v of values) plain += v;
    expect(plain / 300).not.toBe(column.mean[0]);
  });
});

describe('bad input throws BatchNormError naming the problem and where', () => {
  const cases: [string, unknown, number | undefined, RegExp][] = [
    ['empty matrix', [], undefined, /X is empty/],
    ['not an array', 'abc', undefined, /X must be an array of rows/],
    ['empty first row', [[]], undefined, /Row 0 of X is empty/],
    ['empty later row', [[1, 2], []], undefined, /Row 1 of X is empty, but row 0 has 2/],
    ['ragged row', [[1, 2, 3], [4, 5, 6], [7, 8]], undefined, /Row 2 of X has 2 values, but row 0 has 3/],
    ['row that is not an array', [[1, 2], 3], undefined, /Row 1 of X is not an array/],
    ['NaN', [[1, 2], [3, Number.NaN]], undefined, /X\[1\]\[1\] \(row 1, column 1\) is NaN/],
    ['Infinity', [[Number.POSITIVE_INFINITY, 2]], undefined, /X\[0\]\[0\] \(row 0, column 0\) is Infinity/],
    ['-Infinity', [[1, 2], [3, 4], [5, Number.NEGATIVE_INFINITY]], undefined, /X\[2\]\[1\] \(row 2, column 1\) is -Infinity/],
    ['a string value', [[1, '2']], undefined, /X\[0\]\[1\] \(row 0, column 1\) is "2" \(a string\)/],
    ['negative epsilon', [[1, 2]], -1e-5, /epsilon must be a finite number ≥ 0; got -0.00001/],
    ['NaN epsilon', [[1, 2]], Number.NaN, /epsilon must be a finite number ≥ 0; got NaN/],
    ['infinite epsilon', [[1, 2]], Number.POSITIVE_INFINITY, /epsilon must be a finite number ≥ 0; got Infinity/],
  ];
  for (const [name, X, epsilon, message] of cases) {
    it(name, () => {
      const call = () => batchNormalize(X as number[][], epsilon);
      expect(call).toThrow(BatchNormError);
      expect(call).toThrow(message);
    });
  }

  it('records the row and column on the error', () => {
    try {
      batchNormalize([[1, 2], [3, Number.NaN]]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BatchNormError);
      expect([(error as BatchNormError).row, (error as BatchNormError).col]).toEqual([1, 1]);
    }
  });
});

describe('properties on random matrices', () => {
  const matrix = fc
    .record({ rows: fc.integer({ min: 2, max: 40 }), cols: fc.integer({ min: 1, max: 8 }) })
    .chain(({ rows, cols }) =>
      fc.array(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
    );
  const epsilon = fc.oneof(fc.constant(1e-5), fc.double({ min: 1e-12, max: 10, noNaN: true }));

  it('keeps the shape; column means ≈ 0; biased variances ≈ var / (var + eps)', () => {
    fc.assert(
      fc.property(matrix, epsilon, (X, eps) => {
        const Y = batchNormalize(X, eps);
        expect(Y.length).toBe(X.length);
        Y.forEach((row) => expect(row.length).toBe(X[0].length));
        const input = columnStats(matrixFromRows(X));
        const output = columnStats(matrixFromRows(Y));
        for (let j = 0; j < X[0].length; j++) {
          const variance = input.variance[j];
          const scale = Math.sqrt(variance + eps);
          // Rounding the mean errs by about m ulps of the largest value; dividing by the scale magnifies it.
          const largest = Math.max(...X.map((row) => Math.abs(row[j])));
          const tolerance = ((X.length + 2) * Number.EPSILON * largest) / scale + 1e-15;
          expect(Math.abs(output.mean[j])).toBeLessThanOrEqual(tolerance);
          const expected = variance / (variance + eps);
          if (Number.isFinite(expected)) expect(Math.abs(output.variance[j] - expected)).toBeLessThanOrEqual(1e-10 + 4 * tolerance);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is invariant to shifting and positively scaling a column (with epsilon 0)', () => {
    fc.assert(
      fc.property(matrix, fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.5, max: 4, noNaN: true }), (X, shift, scale) => {
        const Y = batchNormalize(X, 0);
        const Z = batchNormalize(X.map((row) => row.map((v) => v * scale + shift)), 0);
        const constant = columnStats(matrixFromRows(X)).variance.map((v) => (v < 1e-6 ? 1 : 0));
        Y.forEach((row, i) =>
          row.forEach((v, j) => {
            if (!constant[j] && Number.isFinite(v)) expect(Math.abs(Z[i][j] - v)).toBeLessThan(1e-6);
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('writes into a given output, even the input itself, with the same numbers', () => {
    fc.assert(
      fc.property(matrix, (X) => {
        const expected = batchNormalizeMatrix(matrixFromRows(X));
        const out = { rows: X.length, cols: X[0].length, data: new Float64Array(X.length * X[0].length) };
        expect(batchNormalizeMatrix(matrixFromRows(X), 1e-5, out)).toBe(out);
        expect(out.data).toEqual(expected.data);
        const inPlace = matrixFromRows(X);
        batchNormalizeMatrix(inPlace, 1e-5, inPlace);
        expect(inPlace.data).toEqual(expected.data);
      }),
      { numRuns: 50 },
    );
    expect(() => batchNormalizeMatrix(matrixFromRows([[1, 2], [3, 4]]), 1e-5, { rows: 2, cols: 1, data: new Float64Array(2) })).toThrow(
      "The output must have the input's shape (2, 2); got (2, 1).",
    );
  });

  it('batchNormalizeMatrix on the typed core equals the nested-array API', () => {
    fc.assert(
      fc.property(matrix, (X) => {
        expect(matrixToRows(batchNormalizeMatrix(matrixFromRows(X)))).toEqual(batchNormalize(X));
      }),
      { numRuns: 100 },
    );
  });
});
