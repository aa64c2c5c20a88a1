/**
 * A <code-playground> once the reader edits: the editor in place of the listing, Run, Reset and
 * Share link, the status line, errors in a role="alert" line with their place in the reader's
 * code, and the output. Loaded by playground.client.ts on Edit, with CodeMirror; the worker that
 * runs the code starts then too, in the background.
 *
 * A failed run leaves the last good output in place (the page's own output until the first
 * successful run) and says so; what the code printed before it failed shows under the error.
 */
import { describeRunError, type RunError } from '../lib/playground/run-error.ts';
import { decodeCode, kilobytes, SHARE_LIMIT, shareLink } from '../lib/playground/share.ts';
import { createEditor, type PlaygroundEditor } from './playground-editor.ts';
import type { OpenReason } from './playground.client.ts';
import { PlaygroundRunner } from './playground-runner.ts';
import { forgetEdit, saveEdit } from './playground-storage.ts';

export async function startSession(root: HTMLElement, reason: OpenReason): Promise<void> {
  const session = new PlaygroundSession(root);
  await session.start(reason);
}

class PlaygroundSession {
  private readonly example: string;
  private readonly original: string;
  private readonly runner = new PlaygroundRunner();
  private editor: PlaygroundEditor | null = null;
  /** The page's OutputBlock that runs print into (Tutorial), or null when the playground has its own output. */
  private readonly outputBlock: HTMLElement | null;
  private readonly originalOutput: string;
  /** Whether the output on show is from a run of the reader's code. */
  private showsRun = false;

  constructor(private readonly root: HTMLElement) {
    this.example = root.dataset.example ?? '';
    this.original = root.dataset.code ?? '';
    this.outputBlock = root.dataset.output ? document.getElementById(root.dataset.output) : null;
    this.originalOutput = this.outputBlock?.querySelector('pre')?.textContent ?? '';
  }

  private element<T extends HTMLElement>(selector: string): T {
    return this.root.querySelector<T>(selector)!;
  }

  async start(reason: OpenReason) {
    let code = this.original;
    let note = 'Edit the code, then press Run.';
    if (reason.by === 'storage') {
      code = reason.code;
      note = 'Your edit from an earlier visit is back. Press Run to run it, or Reset for the original code.';
    } else if (reason.by === 'link') {
      try {
        code = await decodeCode(reason.data);
        note = 'Loaded the code from the link. Read it before you press Run: it runs in your browser.';
      } catch (error) {
        note = `${error instanceof Error ? error.message : String(error)} The editor shows the original code.`;
      }
    }

    const title = this.root.dataset.title ?? 'the listing';
    const id = `playground-${this.example}`;
    const host = this.element('[data-editor]');
    this.editor = createEditor(host, {
      code,
      label: `Code editor: ${title}`,
      describedBy: `${id}-keys ${id}-about`,
      wrap: this.root.dataset.wrap !== undefined,
      onChange: (text) => saveEdit(this.example, text, this.original),
      onRun: () => void this.run(),
    });
    this.element('[data-listing]').hidden = true;
    host.hidden = false;
    this.element('[data-panel]').hidden = false;
    this.element('[data-action="edit"]').hidden = true;

    this.element('[data-action="run"]').addEventListener('click', () => void this.run());
    this.element('[data-action="reset"]').addEventListener('click', () => this.reset());
    this.element('[data-action="share"]').addEventListener('click', () => void this.share());
    this.runner.warmUp();
    if (reason.by === 'button') this.editor.focus();
    this.setStatus(note);
  }

  private setStatus(text: string) {
    this.element('[data-status]').textContent = text;
  }

  private async run() {
    const code = this.editor!.code;
    saveEdit(this.example, code, this.original);
    this.showError(null, '');
    this.setStatus('Running…');
    this.root.setAttribute('aria-busy', 'true');
    const started = performance.now();
    const result = await this.runner.run({ example: this.example, code });
    if ('cancelled' in result) return; // a reset or a newer run took over
    this.root.removeAttribute('aria-busy');
    if (result.ok) {
      this.showOutput(result.output);
      const time = `in ${Math.max(1, Math.round(performance.now() - started)).toLocaleString('en-US')} ms`;
      this.setStatus(this.outputBlock ? `Ran your code ${time}: the output below, “${this.outputCaption()}”, is now your code’s.` : `Ran your code ${time}; its output is below.`);
    } else {
      this.showError(result.error, result.output);
      const what = {
        syntax: 'Nothing ran.',
        timeout: 'The page kept working.',
        internal: 'The run did not finish.',
        runtime: 'Your code stopped with an error.',
        program: 'Your code stopped with an error.',
      }[result.error.kind];
      const next = result.error.kind === 'internal' ? '' : ' Fix the code and press Run again.';
      this.setStatus(`${what} ${this.lastGoodOutput()}${next}`);
    }
  }

  /** Where the last good output is, after a failed run. */
  private lastGoodOutput(): string {
    if (this.showsRun) return 'The output below is from your last successful run.';
    return this.outputBlock ? 'The output below is still the original code’s.' : 'There is no output yet.';
  }

  private outputCaption(): string {
    const caption = this.outputBlock?.querySelector('figcaption')?.cloneNode(true) as HTMLElement | undefined;
    caption?.querySelector('[data-playground-note]')?.remove();
    return caption?.textContent?.trim() ?? 'Output';
  }

  /** Shows a run's output in the OutputBlock or the playground's own panel; null restores the original. */
  private showOutput(text: string | null) {
    this.showsRun = text !== null;
    if (this.outputBlock) {
      const pre = this.outputBlock.querySelector('pre');
      if (pre) pre.textContent = text ?? this.originalOutput;
      const caption = this.outputBlock.querySelector('figcaption');
      caption?.querySelector('[data-playground-note]')?.remove();
      if (caption && text !== null) {
        const note = document.createElement('span');
        note.dataset.playgroundNote = '';
        note.textContent = ' (from your edited code)';
        caption.append(note);
      }
      return;
    }
    const own = this.element('[data-own-output]');
    own.hidden = text === null;
    this.element('[data-output-text]').textContent = text ?? '';
  }

  /** Shows the error in the alert line and what was printed before it, or clears both (null). */
  private showError(error: RunError | null, printed: string) {
    this.element('[data-error]').textContent = error ? describeRunError(error) : '';
    const box = this.element('[data-printed]');
    box.hidden = !error || printed === '';
    this.element('[data-printed] figcaption').textContent = error?.kind === 'timeout' ? 'Printed before it was stopped' : 'Printed before the error';
    this.element('[data-printed-text]').textContent = error ? printed : '';
    this.editor?.markErrorLine(error?.line ?? null);
  }

  private reset() {
    this.runner.cancel();
    this.root.removeAttribute('aria-busy');
    this.editor!.setCode(this.original);
    forgetEdit(this.example);
    this.showError(null, '');
    this.showOutput(null);
    this.element('[data-share]').hidden = true;
    // A shared link's code is gone too: a reload now shows the original.
    if (location.hash.includes('code=')) history.replaceState(history.state, '', location.pathname + location.search);
    this.setStatus('Reset to the original code and output.');
  }

  private async share() {
    const link = await shareLink(location.href, this.example, this.editor!.code);
    const field = this.element('[data-share]');
    if (!link.ok) {
      field.hidden = true;
      this.setStatus(
        `Your code is too long to share as a link: it takes ${kilobytes(link.size)} in the address, and a link carries at most ${kilobytes(SHARE_LIMIT)}. Shorten it, or copy the code itself.`,
      );
      return;
    }
    const box = this.element<HTMLInputElement>('[data-link]');
    box.value = link.url;
    field.hidden = false;
    box.focus();
    box.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(link.url);
      copied = true;
    } catch {
      // No clipboard access (permission, or an insecure page): the box holds the link to copy.
    }
    this.setStatus(copied ? 'Link copied to the clipboard; it is also in the box below.' : 'Copy the link to your code from the box below.');
  }
}
