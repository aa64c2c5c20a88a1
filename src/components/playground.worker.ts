/// <reference lib="webworker" />
/**
 * The playground's worker: transpiles the reader's TypeScript, runs it and prints its output, off
 * the page's main thread, so that a long or endless run never freezes the page (the page ends a
 * run past its time limit by terminating this worker). One worker runs one request, then is
 * replaced, so nothing a run leaves behind (timers, changed modules) reaches the next.
 *
 * Content Security Policy: running the reader's code needs `new Function`, that is, eval. A
 * dedicated worker's policy is not the page's: it is the one delivered with the worker's own
 * script, so the pages keep a script-src without 'unsafe-eval' (their <meta> policy does not apply
 * here), and this script is served with `script-src 'self' 'unsafe-eval'` where the host reads
 * `_headers` (src/integrations/content-security-policy.ts), or with no policy at all elsewhere.
 */
import { isPlaygroundId, runPlayground } from '../examples/playground-examples.ts';
import { OutputCollector, type RunOutcome } from '../lib/playground/run-code.ts';

export interface PlaygroundRequest {
  example: string;
  code: string;
}

/** Messages to the page: the run has started (its time limit starts now), output as it is printed, the outcome. */
export type PlaygroundMessage = { kind: 'started' } | { kind: 'output'; text: string } | { kind: 'done'; outcome: RunOutcome };

declare const self: DedicatedWorkerGlobalScope;

/**
 * Printed output goes to the page as it is printed, so that what an endless loop printed before it
 * was stopped still shows; past the first EAGER_POSTS pieces, at most every FLUSH_MILLISECONDS,
 * so that a flood of printing does not flood the page with messages.
 */
const EAGER_POSTS = 1_000;
const FLUSH_MILLISECONDS = 100;

function post(message: PlaygroundMessage) {
  self.postMessage(message);
}

// A promise the reader's code leaves rejected is theirs to handle, not a console error.
self.addEventListener('unhandledrejection', (event) => event.preventDefault());

self.addEventListener('message', (event: MessageEvent<PlaygroundRequest>) => {
  const { example, code } = event.data;
  if (!isPlaygroundId(example)) {
    post({ kind: 'done', outcome: { ok: false, output: '', error: { kind: 'internal', name: 'Error', message: `There is no example “${example}”.` } } });
    return;
  }
  let pending = '';
  let posts = 0;
  let lastFlush = performance.now();
  const collector = new OutputCollector((text) => {
    pending += text;
    const now = performance.now();
    if (posts < EAGER_POSTS || now - lastFlush >= FLUSH_MILLISECONDS) {
      post({ kind: 'output', text: pending });
      pending = '';
      posts++;
      lastFlush = now;
    }
  });
  // Code that reaches the global console (globalThis.console.log) prints to the output too.
  Object.assign(globalThis.console, collector.console());
  post({ kind: 'started' });
  const outcome = runPlayground(example, code, collector);
  post({ kind: 'done', outcome });
});
