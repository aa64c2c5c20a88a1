/**
 * What each step of the Tutorial prints for the running example, computed at build time by the
 * from-scratch code the page shows, and printed the way NumPy prints arrays. `stepOutput` prints
 * a step from any set of the from-scratch functions: the build passes the real module, the
 * playground passes the module with the reader's edit of a step, so both print alike.
 */
import { formatArray } from '../lib/numpy-format.ts';
import * as fromScratch from '../lib/tutorial/batchnorm-from-scratch.ts';
import { tutorialBatch } from './tutorial-batch.ts';

/** The from-scratch module's functions, which the steps' printouts call. */
export type TutorialFunctions = typeof fromScratch;

/** The steps, numbered as the regions of the from-scratch file (`step-1` … `step-7`). */
export const TUTORIAL_STEPS = [1, 2, 3, 4, 5, 6, 7] as const;
export type TutorialStep = (typeof TUTORIAL_STEPS)[number];

/** The functions each step's printout calls; a module without one of them cannot print that step. */
export const stepFunctions: Record<TutorialStep, readonly (keyof TutorialFunctions)[]> = {
  1: ['featureMeans', 'featureVariances'],
  2: ['featureMeans', 'featureVariances', 'normalize'],
  3: ['batchNormForward'],
  4: ['featureMeans', 'featureVariances', 'updateRunningStats', 'batchNormInference'],
  5: ['featureMeans', 'batchNormForward', 'batchNormBackward', 'batchNormBackwardStepwise'],
  6: ['channelStatistics'],
  7: ['featureMeans', 'featureVariances', 'updateRunningStats', 'foldIntoLinear', 'linear', 'batchNormInference'],
};

/** A short description of a value that is not what a step prints, for its error message. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'} that are not all numbers or all rows of numbers of one length`;
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** NumPy's `print()` of a 1-D or 2-D float64 array; throws, naming it, for anything else. */
function show(name: string, value: unknown): string {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number')) {
    return formatArray({ shape: [value.length], data: value as number[], dtype: 'float64' });
  }
  if (Array.isArray(value) && value.length > 0 && value.every((row) => Array.isArray(row) && row.length === value[0].length && row.length > 0 && row.every((v: unknown) => typeof v === 'number'))) {
    const rows = value as number[][];
    return formatArray({ shape: [rows.length, rows[0].length], data: rows.flat(), dtype: 'float64' });
  }
  throw new TypeError(`${name} should be a 1-D or 2-D array of numbers, but it is ${describe(value)}.`);
}

/** Lines of `name = value`, with multi-line arrays indented under their name. */
function lines(entries: [string, unknown][]): string {
  const width = Math.max(...entries.map(([name]) => name.length));
  return entries
    .map(([name, value]) => {
      const prefix = `${name.padEnd(width)} = `;
      return prefix + show(name, value).split('\n').join(`\n${' '.repeat(prefix.length)}`);
    })
    .join('\n');
}

/** The linear layer of step 7, which Batch Norm is folded into. */
const weight = [
  [0.5, -1, 0.25],
  [1, 0, -0.5],
  [-0.75, 0.5, 1],
];
const bias = [0.1, -0.2, 0.3];
/** The one example that steps 4 and 7 run at inference. */
const example = [[2, 12, 1]];

/** The running statistics after one training batch from PyTorch's initial values (steps 4 and 7). */
function runningAfterOneBatch(f: TutorialFunctions, batch: typeof tutorialBatch) {
  const { x, momentum } = batch;
  const mean = f.featureMeans(x);
  const variance = f.featureVariances(x, mean);
  return f.updateRunningStats({ mean: [0, 0, 0], variance: [1, 1, 1] }, mean, variance, x.length, momentum);
}

/** What step `step` prints for the batch, computed with the functions `f`. */
export function stepOutput(step: TutorialStep, f: TutorialFunctions, batch = tutorialBatch): string {
  const { x, gamma, beta, eps, dy, images } = batch;
  switch (step) {
    case 1: {
      const mean = f.featureMeans(x);
      return lines([
        ['mean', mean],
        ['variance', f.featureVariances(x, mean)],
      ]);
    }
    case 2: {
      const mean = f.featureMeans(x);
      return lines([['xhat', f.normalize(x, mean, f.featureVariances(x, mean), eps)]]);
    }
    case 3:
      return lines([['y', f.batchNormForward(x, gamma, beta, eps).y]]);
    case 4: {
      const running = runningAfterOneBatch(f, batch);
      return lines([
        ['running.mean', running.mean],
        ['running.variance', running.variance],
        ['inference([[2, 12, 1]])', f.batchNormInference(example, running, gamma, beta, eps)],
      ]);
    }
    case 5: {
      const forward = f.batchNormForward(x, gamma, beta, eps);
      const backward = f.batchNormBackward(dy, forward.cache);
      const stepwise = f.batchNormBackwardStepwise(dy, x, f.featureMeans(x), forward.cache);
      const difference = backward.dx.flat().map((v, k) => Math.abs(v - stepwise.flat()[k]));
      return lines([
        ['dx', backward.dx],
        ['dgamma', backward.dgamma],
        ['dbeta', backward.dbeta],
        ['largest |dx − stepwise dx|', [Math.max(...difference)]],
      ]);
    }
    case 6: {
      const channels = f.channelStatistics(images);
      return lines([
        ['mean', channels.mean],
        ['variance', channels.variance],
      ]);
    }
    case 7: {
      const running = runningAfterOneBatch(f, batch);
      const folded = f.foldIntoLinear(weight, bias, running, gamma, beta, eps);
      return lines([
        ['folded.weight', folded.weight],
        ['folded.bias', folded.bias],
        ['linear + BN', f.batchNormInference(f.linear(example, weight, bias), running, gamma, beta, eps)],
        ['folded linear', f.linear(example, folded.weight, folded.bias)],
      ]);
    }
  }
}

export const tutorialOutputs = {
  /** The example batch's feature means, for the prose. */
  batchMean: fromScratch.featureMeans(tutorialBatch.x).join(', '),
  step1: stepOutput(1, fromScratch),
  step2: stepOutput(2, fromScratch),
  step3: stepOutput(3, fromScratch),
  step4: stepOutput(4, fromScratch),
  step5: stepOutput(5, fromScratch),
  step6: stepOutput(6, fromScratch),
  step7: stepOutput(7, fromScratch),
};
