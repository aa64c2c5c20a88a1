/**
 * Figures the Code page's prose quotes about the seed example, computed from the data so the
 * text can never disagree with the output above it.
 */
import { columnStats, normalizeColumns } from '../lib/batchnorm.ts';
import { significant } from '../lib/display.ts';
import { matrixFromRows } from '../lib/matrix.ts';
import { seedExample } from './seed.ts';

const data = matrixFromRows(seedExample.data);
const stats = columnStats(data);
const normalized = normalizeColumns(data, stats, seedExample.epsilon);
const m = data.rows;
const firstColumn = Array.from({ length: m }, (_, i) => data.data[i * data.cols]);
const variance = stats.variance[0];

export const seedFacts = {
  rows: m,
  cols: data.cols,
  firstColumn: firstColumn.join(', '),
  /** True when every column is the first plus a constant, so all columns normalize alike. */
  columnsAreShifts: Array.from({ length: data.cols }, (_, j) =>
    firstColumn.every((v, i) => data.data[i * data.cols + j] - v === data.data[j] - firstColumn[0]),
  ).every(Boolean),
  mean: significant(stats.mean[0], 6),
  sumOfSquares: significant(variance * m, 6),
  variance: significant(variance, 6),
  unbiasedVariance: significant((variance * m) / (m - 1), 6),
  epsilon: seedExample.epsilon.toExponential(),
  std: significant(Math.sqrt(variance + seedExample.epsilon), 9),
  plainStd: significant(Math.sqrt(variance), 9),
  first: significant(firstColumn[0], 6),
  deviation: significant(firstColumn[0] - stats.mean[0], 6),
  firstNormalized: significant(normalized.data[0], 9),
  firstWithoutEpsilon: significant((firstColumn[0] - stats.mean[0]) / Math.sqrt(variance), 9),
  outputMean: significant(columnStats(normalized).mean[0], 3),
  outputStd: significant(Math.sqrt(variance / (variance + seedExample.epsilon)), 9),
};
