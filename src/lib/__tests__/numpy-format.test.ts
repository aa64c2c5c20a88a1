import { describe, expect, it } from 'vitest';
import { formatArray } from '../numpy-format.ts';
import { decode, numpyFixtures } from './fixtures.ts';

describe('formatArray prints like NumPy', () => {
  it(`covers at least 15 arrays printed by NumPy ${numpyFixtures.numpy}`, () => {
    expect(numpyFixtures.arrays.length).toBeGreaterThanOrEqual(15);
  });

  for (const fixture of numpyFixtures.arrays) {
    it(fixture.name, () => {
      const text = formatArray({ shape: fixture.shape, data: fixture.data.map(decode), dtype: fixture.dtype });
      expect(text).toBe(fixture.str);
    });
  }

  it('rejects data that does not fill the shape', () => {
    expect(() => formatArray({ shape: [2, 2], data: [1, 2, 3], dtype: 'float64' })).toThrow(/needs 4 values; got 3/);
  });
});
