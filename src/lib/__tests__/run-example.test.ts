import { describe, expect, it } from 'vitest';
import { runExample } from '../run-example.ts';

describe('runExample', () => {
  it('reports each column: mean ≈ 0, std ≈ √(σ²/(σ²+ε)) just below 1', () => {
    const outcome = runExample('[[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12], [13, 14, 15]]', '1e-5');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { columns, rows, cols, dtype } = outcome.result;
    expect([rows, cols, dtype]).toEqual([5, 3, 'int64']);
    for (const column of columns) {
      expect(column.inputVariance).toBe(18);
      expect(Math.abs(column.mean)).toBeLessThan(1e-15);
      expect(column.predictedStd).toBeCloseTo(Math.sqrt(18 / 18.00001), 15);
      expect(column.std).toBeCloseTo(column.predictedStd, 14);
      expect(column.std).toBeLessThan(1);
    }
  });

  it('reports both fields when both are bad, and never throws', () => {
    const outcome = runExample('[[1, 2], [3]]', '-1');
    expect(outcome).toEqual({
      ok: false,
      errors: {
        matrix: 'Row 1 of data has 1 value, but row 0 has 2: all rows must have the same length.',
        epsilon: 'epsilon must be a finite number ≥ 0; got -1.',
      },
    });
  });

  it('names the row and column of a non-finite value', () => {
    const outcome = runExample('[[1, 2], [3, nan]]', '1e-5');
    expect(!outcome.ok && outcome.errors.matrix).toBe(
      'data[1][1] (row 1, column 1) is NaN: every value must be a finite number.',
    );
  });

  it('a constant column with epsilon 0 divides 0 by 0, as NumPy does', () => {
    const outcome = runExample('[[1.0, 2.0], [1.0, 3.0]]', '0');
    expect(outcome.ok && outcome.result.output).toContain('[[nan -1.]');
  });
});
