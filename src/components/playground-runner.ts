/**
 * Runs edited code in the playground's worker (playground.worker.ts), one fresh worker per run,
 * and stops a run that passes the time limit by terminating its worker: the page's main thread
 * never runs the reader's code, so it stays responsive whatever the code does.
 */
import type { RunOutcome } from '../lib/playground/run-code.ts';
import type { PlaygroundMessage, PlaygroundRequest } from './playground.worker.ts';

/** How long a run may take, from its start in the worker, before it is stopped. */
export const TIME_LIMIT_MS = 5_000;

/** A run's outcome, or `cancelled` when a newer run or a reset ended it first. */
export type RunnerResult = RunOutcome | { cancelled: true };

export class PlaygroundRunner {
  /** A worker started ahead of time, so that a run does not wait for one to load. */
  private spare: Worker | null = null;
  private current: { worker: Worker; finish: (result: RunnerResult) => void } | null = null;

  private createWorker(): Worker {
    return new Worker(new URL('./playground.worker.ts', import.meta.url), { type: 'module', name: 'playground' });
  }

  /** Starts a worker in the background, ready for the next run. */
  warmUp(): void {
    this.spare ??= this.createWorker();
  }

  /** Runs `code` for the example; `onOutput` receives printed text as the run goes on. */
  run(request: PlaygroundRequest, onOutput: (text: string) => void = () => {}): Promise<RunnerResult> {
    this.cancel();
    const worker = this.spare ?? this.createWorker();
    this.spare = null;
    return new Promise<RunnerResult>((resolve) => {
      let printed = '';
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (result: RunnerResult) => {
        clearTimeout(timer);
        worker.terminate();
        if (this.current?.worker === worker) this.current = null;
        if (!('cancelled' in result)) this.warmUp();
        resolve(result);
      };
      this.current = { worker, finish };
      worker.addEventListener('message', (event: MessageEvent<PlaygroundMessage>) => {
        const message = event.data;
        if (message.kind === 'started') {
          timer = setTimeout(() => {
            const seconds = TIME_LIMIT_MS / 1000;
            finish({
              ok: false,
              output: printed,
              error: { kind: 'timeout', name: 'Timeout', message: `Stopped after ${seconds} s: the code did not finish (an infinite loop?).` },
            });
          }, TIME_LIMIT_MS);
        } else if (message.kind === 'output') {
          printed += message.text;
          onOutput(message.text);
        } else {
          finish(message.outcome);
        }
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault(); // reported in the output panel, not the console
        finish({
          ok: false,
          output: printed,
          error: { kind: 'internal', name: 'Error', message: 'The runner could not start or stopped unexpectedly. Press Run to try again.' },
        });
      });
      worker.postMessage(request);
    });
  }

  /** Ends the run under way, if any. */
  cancel(): void {
    this.current?.finish({ cancelled: true });
    this.current = null;
  }

  dispose(): void {
    this.cancel();
    this.spare?.terminate();
    this.spare = null;
  }
}
