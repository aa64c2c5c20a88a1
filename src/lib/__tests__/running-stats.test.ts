import { describe, expect, it } from 'vitest';
import { BatchNormError } from '../batchnorm.ts';
import { InputError } from '../parse-input.ts';
import {
  DEFAULT_STREAM,
  MAX_BATCHES,
  RunningStatsSimulation,
  fromPytorchMomentum,
  parseBatchSize,
  simulate,
  toPytorchMomentum,
  type BatchRecord,
} from '../running-stats.ts';

const EPS = 1e-5;

/** |a − b| small relative to the size of the numbers. */
function expectClose(actual: number, expected: number, tolerance = 1e-12) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

/** (1 − (1 − m)^k) times the average of `values` weighted (1 − m)^(k − i), plus (1 − m)^k times the start. */
function closedForm(values: number[], m: number, start: number): number {
  const k = values.length;
  const weights = values.map((_, i) => (1 - m) ** (k - 1 - i));
  const weighted = values.reduce((sum, v, i) => sum + weights[i] * v, 0) / weights.reduce((a, b) => a + b, 0);
  return (1 - m) ** k * start + (1 - (1 - m) ** k) * weighted;
}

const train = (momentum: number | null, batchSize = 8) => ({ batchSize, momentum, training: true });

describe('RunningStatsSimulation', () => {
  it('the default run: the running statistics after k batches equal the closed form', () => {
    for (const m of [0.1, 0.01, 0.5, 1]) {
      const history = simulate(train(m), 30).history;
      expect(history.map((r) => r.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      history.forEach((record, i) => {
        const seen = history.slice(0, i + 1);
        expectClose(record.runningMean, closedForm(seen.map((r) => r.batchMean), m, 0));
        expectClose(record.runningVar, closedForm(seen.map((r) => r.unbiasedVariance), m, 1));
      });
    }
  });

  it('with momentum 0 nothing moves; with momentum 1 the running statistics are the last batch', () => {
    const frozen = simulate(train(0), 5).history;
    expect(frozen.map((r) => [r.runningMean, r.runningVar])).toEqual(Array(5).fill([0, 1]));
    for (const r of simulate(train(1), 5).history) {
      expect(r.runningMean).toBe(r.batchMean);
      expectClose(r.runningVar, r.unbiasedVariance, 1e-15);
    }
  });

  it('cumulative mode (momentum null) gives the plain average of the batch means and unbiased variances', () => {
    const history = simulate(train(null, 5), 50).history;
    history.forEach((record, i) => {
      const seen = history.slice(0, i + 1);
      expectClose(record.runningMean, seen.reduce((s, r) => s + r.batchMean, 0) / seen.length);
      expectClose(record.runningVar, seen.reduce((s, r) => s + r.unbiasedVariance, 0) / seen.length);
    });
  });

  it("Keras's momentum k and PyTorch's 1 − k give identical histories", () => {
    for (const [keras, pytorch] of [
      [0.9, 0.1],
      [0.99, 0.01],
      [0.5, 0.5],
      [0.75, 0.25],
    ]) {
      expect(toPytorchMomentum(keras, 'keras')).toBe(pytorch);
      expect(fromPytorchMomentum(pytorch, 'keras')).toBe(keras);
      expect(toPytorchMomentum(pytorch, 'pytorch')).toBe(pytorch);
      const viaKeras = simulate(train(toPytorchMomentum(keras, 'keras')), 40).history;
      expect(viaKeras).toEqual(simulate(train(pytorch), 40).history);
      // Keras's own update, r ← k·r + (1 − k)·batch, written out: the same numbers.
      let mean = 0;
      let variance = 1;
      for (const r of viaKeras) {
        mean = keras * mean + (1 - keras) * r.batchMean;
        variance = keras * variance + (1 - keras) * r.unbiasedVariance;
        expectClose(r.runningMean, mean);
        expectClose(r.runningVar, variance);
      }
    }
  });

  it('records the unbiased variance as m/(m − 1) times the biased one, and it is the unbiased one that averages to σ²', () => {
    const history = simulate(train(0.1, 4), MAX_BATCHES).history;
    for (const r of history) expect(r.unbiasedVariance).toBe(r.batchVariance * (4 / 3));
    const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const sigma2 = DEFAULT_STREAM.std ** 2;
    expect(Math.abs(average(history.map((r) => r.batchMean)) - DEFAULT_STREAM.mean)).toBeLessThan(0.1);
    expect(Math.abs(average(history.map((r) => r.unbiasedVariance)) - sigma2)).toBeLessThan(0.35);
    expect(Math.abs(average(history.map((r) => r.batchVariance)) - (sigma2 * 3) / 4)).toBeLessThan(0.3);
  });

  it('in train mode the output has mean ≈ 0 and std √(σ²_B/(σ²_B + ε))', () => {
    for (const r of simulate(train(0.1, 16), 20).history) {
      expect(Math.abs(r.outputMean)).toBeLessThan(1e-14);
      expectClose(r.outputStd, Math.sqrt(r.batchVariance / (r.batchVariance + EPS)));
    }
  });

  it('in eval mode nothing updates and batches are normalized with the running statistics', () => {
    const simulation = simulate(train(0.1), 10);
    const before = simulation.history[9];
    const evaluated = simulation.feed({ batchSize: 8, momentum: 0.1, training: false }, 5);
    for (const r of evaluated) {
      expect(r.training).toBe(false);
      expect([r.runningMean, r.runningVar]).toEqual([before.runningMean, before.runningVar]);
      const scale = Math.sqrt(before.runningVar + EPS);
      expectClose(r.outputMean, (r.batchMean - before.runningMean) / scale);
      expectClose(r.outputStd, Math.sqrt(r.batchVariance) / scale);
    }
    expect(evaluated.map((r) => r.step)).toEqual([11, 12, 13, 14, 15]);
    // Back in train mode, the update goes on from where it stopped.
    const [next] = simulation.feed(train(0.1));
    expectClose(next.runningMean, 0.9 * before.runningMean + 0.1 * next.batchMean);
  });

  it('a fresh layer in eval mode normalizes with mean 0 and variance 1: the output keeps the data’s mean and spread', () => {
    const [r] = new RunningStatsSimulation().feed({ batchSize: 64, momentum: 0.1, training: false });
    expectClose(r.outputMean, r.batchMean / Math.sqrt(1 + EPS));
    expect(r.outputMean).toBeGreaterThan(2);
  });

  it('a new momentum applies from the next batch on, keeping the running statistics', () => {
    const simulation = simulate(train(0.1), 5);
    const fifth = simulation.history[4];
    const [sixth] = simulation.feed(train(0.5));
    expectClose(sixth.runningMean, 0.5 * fifth.runningMean + 0.5 * sixth.batchMean);
    expect(sixth.momentum).toBe(0.5);
    // Cumulative mode counts every training batch so far: the 7th gets weight 1/7.
    const [seventh] = simulation.feed(train(null));
    expectClose(seventh.runningMean, (6 / 7) * sixth.runningMean + seventh.batchMean / 7);
  });

  it('the stream is one sequence of values, whatever the batch size', () => {
    const [sixteen] = new RunningStatsSimulation().feed(train(0.1, 16));
    const eights = new RunningStatsSimulation().feed(train(0.1, 8), 2);
    expectClose(sixteen.batchMean, (eights[0].batchMean + eights[1].batchMean) / 2, 1e-14);
  });

  it('reset replays the same stream into a fresh layer', () => {
    const simulation = simulate(train(0.1), 7);
    const first = simulation.history.map((r: BatchRecord) => ({ ...r }));
    simulation.reset();
    expect(simulation.history).toEqual([]);
    expect(simulation.points).toEqual([{ step: 0, runningMean: 0, runningVar: 1 }]);
    simulation.feed(train(0.1), 7);
    expect(simulation.history).toEqual(first);
    expect(simulation.points).toHaveLength(8);
  });

  it("refuses a batch of 1 in train mode with the library's error, without drawing from the stream", () => {
    const simulation = new RunningStatsSimulation();
    expect(() => simulation.feed(train(0.1, 1))).toThrow(BatchNormError);
    expect(() => simulation.feed(train(0.1, 1))).toThrow(/Expected more than 1 value per channel when training.*the variance of a single value is 0/);
    expect(simulation.history).toEqual([]);
    const [afterRefusal] = simulation.feed(train(0.1));
    expect(afterRefusal).toEqual(new RunningStatsSimulation().feed(train(0.1))[0]);
  });

  it('takes a batch of 1 in eval mode, which uses no batch statistics', () => {
    const [r] = simulate(train(0.1), 30).feed({ batchSize: 1, momentum: 0.1, training: false });
    expect(r.batchVariance).toBe(0);
    expect(r.unbiasedVariance).toBeNaN();
    expect(r.outputStd).toBe(0);
    expect(Number.isFinite(r.outputMean)).toBe(true);
  });

  it('refuses bad settings before drawing anything', () => {
    const simulation = new RunningStatsSimulation();
    expect(() => simulation.feed(train(0.1, 0))).toThrow(/whole number from 1 to 256; got 0/);
    expect(() => simulation.feed(train(0.1, 1000))).toThrow(/got 1000/);
    expect(() => simulation.feed(train(0.1, 2.5))).toThrow(/got 2.5/);
    expect(() => simulation.feed(train(1.5))).toThrow(/momentum must be a number from 0 to 1; got 1.5/);
    expect(() => simulation.feed(train(0.1), MAX_BATCHES + 1)).toThrow(/at most 1000 batches/);
    expect(simulation.history).toEqual([]);
    expect(simulation.feed(train(0.1))[0]).toEqual(new RunningStatsSimulation().feed(train(0.1))[0]);
  });
});

describe('parseBatchSize', () => {
  it('reads a whole number from 1 to 256', () => {
    expect(parseBatchSize(' 8 ')).toBe(8);
    expect(parseBatchSize('1')).toBe(1);
    expect(parseBatchSize('256')).toBe(256);
    expect(parseBatchSize('2e1')).toBe(20);
  });

  it.each([
    ['', /Enter a value for the batch size, such as 8/],
    ['eight', /The batch size must be a single number, such as 8; got 'eight'/],
    ['2.5', /whole number of examples, such as 8; got 2.5/],
    ['0', /at least 2 \(at least 1 in eval mode\).*got 0/],
    ['-4', /got -4/],
    ['1000', /at most 256 in this demo; got 1,000/],
    ['inf', /whole number of examples, such as 8; got Infinity/],
    ['nan', /whole number of examples, such as 8; got NaN/],
  ])('refuses %j with a message that says what to type', (text, message) => {
    expect(() => parseBatchSize(text)).toThrow(InputError);
    expect(() => parseBatchSize(text)).toThrow(message);
  });
});
