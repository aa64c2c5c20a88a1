/**
 * Writes src/data/figure1-default-run.json: both networks of Figure 1 trained with the page's
 * default settings. The page renders its figure from this file at build time (what readers without
 * JavaScript see), and a unit test re-runs the default and checks it equals this file exactly.
 * Run it after any change to the training code: `npm run record:figure1`.
 */
import { writeFileSync } from 'node:fs';
import { digitsText } from '../data/digits.ts';
import { decodeDigits, splitDigits } from '../lib/digits.ts';
import { DEFAULT_SETTINGS, recordFigure1 } from '../lib/figure1-settings.ts';

const target = new URL('../data/figure1-default-run.json', import.meta.url);
const start = performance.now();
const recording = recordFigure1(splitDigits(decodeDigits(digitsText)), DEFAULT_SETTINGS);
// One array of numbers per line (each percentile triple on its own), so that a change reads well in a diff.
const json = JSON.stringify(recording, null, 2).replace(/\[\s+([^[\]{}]*?)\s+\]/g, (_, items: string) => `[${items.split(/,\s+/).join(', ')}]`);
writeFileSync(target, `${json}\n`);
const seconds = ((performance.now() - start) / 1000).toFixed(1);
const last = (values: number[]) => values[values.length - 1];
console.log(`Wrote ${target.pathname} in ${seconds} s.`);
console.log(`Test accuracy after ${DEFAULT_SETTINGS.steps} steps: without BN ${last(recording.withoutBatchNorm.testAccuracy)}, with BN ${last(recording.withBatchNorm.testAccuracy)}.`);
