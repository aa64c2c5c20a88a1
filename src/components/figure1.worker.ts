/// <reference lib="webworker" />
/**
 * Trains one network of the live Figure 1 off the main thread; the page runs two of these workers,
 * one per network, so both cores work. It trains in short chunks and yields between them, so a
 * Pause arrives within a chunk, and reports after every evaluation (and the step count after every
 * chunk). Messages are `Figure1Request`s; it answers with `Figure1Response`s carrying the run's id.
 */
import { digitsText } from '../data/digits.ts';
import { decodeDigits, splitDigits, type SplitDataset } from '../lib/digits.ts';
import { Figure1Trainer, type Figure1Result } from '../lib/figure1.ts';
import type { Figure1Settings } from '../lib/figure1-settings.ts';

export type Figure1Request = { kind: 'start'; run: number; batchNorm: boolean; settings: Figure1Settings } | { kind: 'pause' | 'resume'; run: number };

export type Figure1Response =
  | {
      kind: 'progress';
      run: number;
      stepsDone: number;
      /** The results so far when this chunk ended with an evaluation, else null. */
      result: Figure1Result | null;
      done: boolean;
      /** Time spent training so far, pauses excluded. */
      milliseconds: number;
      /** True in the answer to a pause: nothing more will be trained until a resume. */
      paused: boolean;
    }
  | { kind: 'failure'; run: number; message: string };

declare const self: DedicatedWorkerGlobalScope;

/** Steps trained between two looks at the message queue: a few tens of milliseconds. */
const CHUNK_STEPS = 10;
/** Least time between two reports of the step count alone (evaluations are always reported). */
const REPORT_MS = 200;

let data: SplitDataset | null = null;
let trainer: Figure1Trainer | null = null;
let run = 0;
let paused = false;
let milliseconds = 0;
let reportedAt = 0;
/** Yields to the message queue without setTimeout's minimum delay; one chunk is scheduled at a time. */
const channel = new MessageChannel();
let scheduled = false;

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  channel.port2.postMessage(null);
}

function chunk(): void {
  if (!trainer || paused || trainer.done) return;
  const start = performance.now();
  const evaluations = trainer.result.step.length;
  trainer.advance(CHUNK_STEPS);
  milliseconds += performance.now() - start;
  const evaluated = trainer.result.step.length > evaluations;
  const now = performance.now();
  if (evaluated || now - reportedAt >= REPORT_MS) {
    reportedAt = now;
    const response: Figure1Response = { kind: 'progress', run, stepsDone: trainer.stepsDone, result: evaluated ? trainer.result : null, done: trainer.done, milliseconds, paused };
    self.postMessage(response);
  }
  if (!trainer.done) schedule();
}

channel.port1.onmessage = () => {
  scheduled = false;
  try {
    chunk();
  } catch (error) {
    fail(error);
  }
};

function fail(error: unknown): void {
  trainer = null;
  const response: Figure1Response = { kind: 'failure', run, message: error instanceof Error ? error.message : String(error) };
  self.postMessage(response);
}

self.addEventListener('message', (event: MessageEvent<Figure1Request>) => {
  const request = event.data;
  if (request.kind === 'start') {
    run = request.run;
    paused = false;
    milliseconds = 0;
    try {
      data ??= splitDigits(decodeDigits(digitsText));
      const start = performance.now();
      trainer = new Figure1Trainer(data, { ...request.settings, batchNorm: request.batchNorm });
      milliseconds += performance.now() - start;
    } catch (error) {
      fail(error);
      return;
    }
    const response: Figure1Response = { kind: 'progress', run, stepsDone: 0, result: trainer.result, done: false, milliseconds, paused };
    self.postMessage(response);
    schedule();
  } else if (request.run === run && trainer) {
    const wasPaused = paused;
    paused = request.kind === 'pause';
    if (paused) {
      // Any chunk under way has ended and reported: these are the steps the network stays at.
      const response: Figure1Response = { kind: 'progress', run, stepsDone: trainer.stepsDone, result: null, done: trainer.done, milliseconds, paused };
      self.postMessage(response);
    } else if (wasPaused) {
      schedule();
    }
  }
});
