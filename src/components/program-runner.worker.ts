/// <reference lib="webworker" />
/**
 * The Code page's worker: parses, normalizes and prints off the main thread, so that a million
 * values never freeze the page. Messages are `RunnerRequest`s; every request gets one `RunnerResponse`.
 */
import { randomMatrixText } from '../examples/code-presets.ts';
import { runExample, type ExampleOutcome } from '../lib/run-example.ts';

/** Work for the worker: run the program, or generate a preset's random data. */
export type RunnerTask = { kind: 'run'; matrix: string; epsilon: string } | { kind: 'generate'; rows: number; cols: number; seed: number };

export type RunnerRequest = RunnerTask & { id: number };

export type RunnerResponse =
  | { id: number; kind: 'run'; outcome: ExampleOutcome; milliseconds: number }
  | { id: number; kind: 'generate'; text: string }
  | { id: number; kind: 'failure'; message: string };

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<RunnerRequest>) => {
  const request = event.data;
  let response: RunnerResponse;
  try {
    if (request.kind === 'run') {
      const start = performance.now();
      const outcome = runExample(request.matrix, request.epsilon);
      response = { id: request.id, kind: 'run', outcome, milliseconds: performance.now() - start };
    } else {
      response = { id: request.id, kind: 'generate', text: randomMatrixText(request.rows, request.cols, request.seed) };
    }
  } catch (error) {
    response = { id: request.id, kind: 'failure', message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(response);
});
