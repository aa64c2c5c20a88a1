/**
 * What each step of the Tutorial prints for the running example, computed at build time by the
 * from-scratch code the page shows, and printed the way NumPy prints arrays.
 */
import { formatArray } from '../lib/numpy-format.ts';
import {
  batchNormBackward,
  batchNormBackwardStepwise,
  batchNormForward,
  batchNormInference,
  channelStatistics,
  featureMeans,
  featureVariances,
  foldIntoLinear,
  linear,
  normalize,
  updateRunningStats,
} from '../lib/tutorial/batchnorm-from-scratch.ts';
import { tutorialBatch } from './tutorial-batch.ts';

/** NumPy's `print()` of a 1-D or 2-D float64 array. */
function show(value: number[] | number[][]): string {
  if (Array.isArray(value[0])) {
    const rows = value as number[][];
    return formatArray({ shape: [rows.length, rows[0].length], data: rows.flat(), dtype: 'float64' });
  }
  const vector = value as number[];
  return formatArray({ shape: [vector.length], data: vector, dtype: 'float64' });
}

/** Lines of `name = value`, with multi-line arrays indented under their name. */
function lines(entries: [string, number[] | number[][]][]): string {
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries
    .map(([name, value]) => {
      const prefix = `${name.padEnd(width)} = `;
      return prefix + show(value).split('\n').join(`\n${' '.repeat(prefix.length)}`);
    })
    .join('\n');
}

const { x, gamma, beta, eps, momentum, dy, images } = tutorialBatch;
const mean = featureMeans(x);
const variance = featureVariances(x, mean);
const xhat = normalize(x, mean, variance, eps);
const forward = batchNormForward(x, gamma, beta, eps);
const running = updateRunningStats({ mean: [0, 0, 0], variance: [1, 1, 1] }, mean, variance, x.length, momentum);
const backward = batchNormBackward(dy, forward.cache);
const stepwise = batchNormBackwardStepwise(dy, x, mean, forward.cache);
const channels = channelStatistics(images);
const weight = [
  [0.5, -1, 0.25],
  [1, 0, -0.5],
  [-0.75, 0.5, 1],
];
const bias = [0.1, -0.2, 0.3];
const folded = foldIntoLinear(weight, bias, running, gamma, beta, eps);
const example = [[2, 12, 1]];

export const tutorialOutputs = {
  /** The example batch's feature means, for the prose. */
  batchMean: mean.join(', '),
  step1: lines([
    ['mean', mean],
    ['variance', variance],
  ]),
  step2: lines([['xhat', xhat]]),
  step3: lines([['y', forward.y]]),
  step4: lines([
    ['running.mean', running.mean],
    ['running.variance', running.variance],
    ['inference([[2, 12, 1]])', batchNormInference(example, running, gamma, beta, eps)],
  ]),
  step5: lines([
    ['dx', backward.dx],
    ['dgamma', backward.dgamma],
    ['dbeta', backward.dbeta],
    ['largest |dx − stepwise dx|', [Math.max(...backward.dx.flat().map((v, k) => Math.abs(v - stepwise.flat()[k])))]],
  ]),
  step6: lines([
    ['mean', channels.mean],
    ['variance', channels.variance],
  ]),
  step7: lines([
    ['folded.weight', folded.weight],
    ['folded.bias', folded.bias],
    ['linear + BN', batchNormInference(linear(example, weight, bias), running, gamma, beta, eps)],
    ['folded linear', linear(example, folded.weight, folded.bias)],
  ]),
};
