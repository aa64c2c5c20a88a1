/**
 * The Figure 1 benchmark: training steps per second for each network, as the page runs them
 * (mini-batches of 60, a test-set evaluation every 50 steps), in runs of a fixed length from a
 * fresh network.
 */
import { digitsText } from '../data/digits.ts';
import { decodeDigits, splitDigits } from '../lib/digits.ts';
import { Figure1Trainer } from '../lib/figure1.ts';
import { DEFAULT_SETTINGS } from '../lib/figure1-settings.ts';
import type { Benchmark } from './run.ts';

const STEPS_PER_RUN = 400;

export function figure1Benchmark(): Benchmark {
  const data = splitDigits(decodeDigits(digitsText));
  const network = (batchNorm: boolean) => ({
    name: batchNorm ? 'with BN' : 'without BN',
    run: () => {
      const trainer = new Figure1Trainer(data, { ...DEFAULT_SETTINGS, steps: STEPS_PER_RUN, batchNorm });
      return trainer.advance(STEPS_PER_RUN);
    },
  });
  return {
    name: 'figure1',
    description: `Figure 1 training, ${STEPS_PER_RUN} steps per run from a fresh network at the default settings`,
    unit: 'steps',
    cases: [network(false), network(true)],
    note: (rates) => {
      const seconds = rates.map((rate) => DEFAULT_SETTINGS.steps / rate);
      return `The default run (${DEFAULT_SETTINGS.steps} steps each) would take ${seconds.map((s) => s.toFixed(1)).join(' s and ')} s of CPU time: about ${Math.max(...seconds).toFixed(1)} s with the networks on two free cores, ${(seconds[0] + seconds[1]).toFixed(1)} s on one.`;
    },
  };
}
