import { DEFAULT_EPSILON, type Example } from '../lib/python-program.ts';

/**
 * The original page's example, defined once: a mini-batch of 5 examples (rows) with 3 features
 * (columns), written as Python integers, so NumPy holds it as int64. The Code page's listing,
 * its pre-rendered output and the island all read it from here.
 */
export const seedExample: Example = {
  data: [
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
    [10, 11, 12],
    [13, 14, 15],
  ],
  dtype: 'int64',
  epsilon: DEFAULT_EPSILON,
};
