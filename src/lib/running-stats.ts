/**
 * Running statistics, step by step: a seeded stream of mini-batches of one feature, drawn from a
 * fixed normal distribution, fed into a `BatchNorm1d(1)` in train or eval mode. Each batch fed is
 * recorded (its statistics, the running statistics after it, and the mean and spread of the
 * layer's output), so a chart can show the running mean and variance approaching the truth.
 */
import { BatchNorm1d, momentumFromKeras, momentumToKeras } from './batchnorm-layer.ts';
import { BatchNormError } from './matrix.ts';
import { InputError, parseNumber } from './parse-input.ts';
import { normalGenerator } from './random.ts';
import { channelStats } from './statistics.ts';

/** The distribution the batches come from, N(mean, std²), and the seed of its random numbers. */
export interface StreamSettings {
  mean: number;
  std: number;
  seed: number;
}

/** The stream of the Tutorial's demo: N(3, 2²), so the true mean is 3 and the true variance 4. */
export const DEFAULT_STREAM: StreamSettings = { mean: 3, std: 2, seed: 2015 };

/** The largest batch, and the most batches one simulation records, so the page stays quick. */
export const MAX_BATCH_SIZE = 256;
export const MAX_BATCHES = 1000;

/**
 * Reads a batch size typed into a box: a whole number from 1 to MAX_BATCH_SIZE. Throws
 * `InputError` otherwise. (Whether 1 will do depends on the mode: the layer itself refuses it
 * when training, with its own message.)
 */
export function parseBatchSize(text: string): number {
  const size = parseNumber(text, 'the batch size', '8');
  if (!Number.isInteger(size)) {
    throw new InputError(`The batch size must be a whole number of examples, such as 8; got ${String(size)}.`);
  }
  if (size < 1) {
    throw new InputError(`The batch size must be at least 2 (at least 1 in eval mode): a batch needs examples to have a mean; got ${size}.`);
  }
  if (size > MAX_BATCH_SIZE) {
    throw new InputError(`The batch size can be at most ${MAX_BATCH_SIZE} in this demo; got ${size.toLocaleString('en-US')}.`);
  }
  return size;
}

/** How one batch is fed: its size, the layer's momentum (null: cumulative average) and the mode. */
export interface FeedSettings {
  batchSize: number;
  /** PyTorch's convention: the weight of the new batch. */
  momentum: number | null;
  training: boolean;
}

/** The running statistics at some point: after `step` batches fed (0: the layer's initial state). */
export interface RunningPoint {
  step: number;
  runningMean: number;
  runningVar: number;
}

/** One batch fed, and the layer's state after it. */
export interface BatchRecord extends RunningPoint {
  training: boolean;
  batchSize: number;
  momentum: number | null;
  /** The batch's mean. */
  batchMean: number;
  /** The batch's variance dividing by m, which normalizes it in train mode. */
  batchVariance: number;
  /** The batch's variance dividing by m − 1 (m/(m − 1) times the biased one), which enters the running variance; NaN for m = 1. */
  unbiasedVariance: number;
  /** Mean and standard deviation (dividing by m) of the layer's output for this batch. */
  outputMean: number;
  outputStd: number;
}

/** The two conventions for momentum: PyTorch weighs the new batch, Keras the old running value. */
export type MomentumConvention = 'pytorch' | 'keras';

/** The layer's (PyTorch's) momentum for a value written in `convention`: Keras's 0.9 is 0.1. */
export function toPytorchMomentum(value: number, convention: MomentumConvention): number {
  return convention === 'keras' ? momentumFromKeras(value) : value;
}

/** A PyTorch momentum written in `convention`: 0.1 is Keras's 0.9. */
export function fromPytorchMomentum(momentum: number, convention: MomentumConvention): number {
  return convention === 'keras' ? momentumToKeras(momentum) : momentum;
}

/** Feeds batches from a seeded stream into a `BatchNorm1d(1)` and records what happens. */
export class RunningStatsSimulation {
  readonly stream: StreamSettings;
  private normal: () => number;
  private layer: BatchNorm1d;
  private readonly records: BatchRecord[] = [];

  constructor(stream: StreamSettings = DEFAULT_STREAM) {
    this.stream = stream;
    this.normal = normalGenerator(stream.seed);
    this.layer = new BatchNorm1d(1);
  }

  /** The batches fed so far, oldest first. */
  get history(): readonly BatchRecord[] {
    return this.records;
  }

  /** The running statistics before any batch and after each one: step 0, 1, 2, … */
  get points(): RunningPoint[] {
    return [{ step: 0, runningMean: 0, runningVar: 1 }, ...this.records.map(({ step, runningMean, runningVar }) => ({ step, runningMean, runningVar }))];
  }

  /** A fresh layer (running mean 0, variance 1) and the stream back at its first value. */
  reset(): void {
    this.normal = normalGenerator(this.stream.seed);
    this.layer = new BatchNorm1d(1);
    this.records.length = 0;
  }

  /**
   * Feeds `count` batches with the given settings and returns their records. Throws the library's
   * `BatchNormError` for settings the layer refuses (a batch of 1 in train mode, a momentum outside
   * [0, 1]) before drawing anything, so a refused feed leaves the stream where it was.
   */
  feed(settings: FeedSettings, count = 1): BatchRecord[] {
    const { batchSize, momentum, training } = settings;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new BatchNormError(`The batch size must be a whole number from 1 to ${MAX_BATCH_SIZE}; got ${String(batchSize)}.`);
    }
    if (this.records.length + count > MAX_BATCHES) {
      throw new BatchNormError(`This demo records at most ${MAX_BATCHES} batches; ${this.records.length} are fed already. Reset to start again.`);
    }
    const layer = momentum === this.layer.momentum ? this.layer : copyLayer(this.layer, momentum);
    // A copy of the layer judges an all-zero batch of this size first, so its own error comes out of a refused feed.
    copyLayer(layer, momentum).train(training).forwardMatrix({ rows: batchSize, cols: 1, data: new Float64Array(batchSize) });
    this.layer = layer.train(training);

    const fed: BatchRecord[] = [];
    for (let k = 0; k < count; k++) {
      const x = new Float64Array(batchSize);
      for (let i = 0; i < batchSize; i++) x[i] = this.stream.mean + this.stream.std * this.normal();
      const layout = { batch: batchSize, channels: 1, positions: 1 };
      const batch = channelStats(x, layout);
      const y = this.layer.forwardMatrix({ rows: batchSize, cols: 1, data: x });
      const output = channelStats(y.data, layout);
      const record: BatchRecord = {
        step: this.records.length + 1,
        training,
        batchSize,
        momentum,
        batchMean: batch.mean[0],
        batchVariance: batch.variance[0],
        unbiasedVariance: batchSize > 1 ? batch.variance[0] * (batchSize / (batchSize - 1)) : Number.NaN,
        runningMean: this.layer.runningMean[0],
        runningVar: this.layer.runningVar[0],
        outputMean: output.mean[0],
        outputStd: Math.sqrt(output.variance[0]),
      };
      this.records.push(record);
      fed.push(record);
    }
    return fed;
  }
}

/** A copy of `layer` (parameters, running statistics, batches tracked, mode) with another momentum, as setting PyTorch's `bn.momentum` does. */
function copyLayer(layer: BatchNorm1d, momentum: number | null): BatchNorm1d {
  const copy = new BatchNorm1d(layer.numFeatures, { eps: layer.eps, momentum, affine: layer.affine, trackRunningStats: layer.trackRunningStats });
  copy.gamma.set(layer.gamma);
  copy.beta.set(layer.beta);
  copy.runningMean.set(layer.runningMean);
  copy.runningVar.set(layer.runningVar);
  copy.numBatchesTracked = layer.numBatchesTracked;
  copy.training = layer.training;
  return copy;
}

/** Feeds `batches` batches with fixed settings into a fresh simulation: the demo's starting state. */
export function simulate(settings: FeedSettings, batches: number, stream: StreamSettings = DEFAULT_STREAM): RunningStatsSimulation {
  const simulation = new RunningStatsSimulation(stream);
  if (batches > 0) simulation.feed(settings, batches);
  return simulation;
}
