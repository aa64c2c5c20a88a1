/**
 * The behaviour of <code-playground> (Playground.astro) until the reader edits: it enables the Edit
 * button and, when the reader presses it (or arrives with a shared link or an edit kept from an
 * earlier visit), loads the editor and the runner (playground-session.ts), which the page does
 * not download before. Kept small: it is loaded with the page.
 */
import { readShareHash } from '../lib/playground/share-hash.ts';
import { loadEdit } from './playground-storage.ts';

/** How the editor opens: by the Edit button, from a shared link's data, or with an edit kept in this browser. */
export type OpenReason = { by: 'button' } | { by: 'link'; data: string } | { by: 'storage'; code: string };

export class CodePlayground extends HTMLElement {
  private opening: Promise<void> | null = null;

  connectedCallback() {
    const edit = this.querySelector<HTMLButtonElement>('[data-action="edit"]')!;
    edit.addEventListener('click', () => void this.open({ by: 'button' }));
    edit.disabled = false;
    const example = this.dataset.example ?? '';
    const shared = readShareHash(location.hash);
    const kept = loadEdit(example);
    if (shared?.example === example) void this.open({ by: 'link', data: shared.data });
    else if (kept !== null) void this.open({ by: 'storage', code: kept });
  }

  /** Loads the editor once; a failed download can be retried with Edit. */
  private open(reason: OpenReason): Promise<void> {
    this.opening ??= import('./playground-session.ts')
      .then((module) => module.startSession(this, reason))
      .catch(() => {
        this.opening = null;
        const status = this.querySelector('[data-status]');
        this.querySelector('[data-panel]')?.removeAttribute('hidden');
        if (status) status.textContent = 'The editor could not be loaded. Check your connection, then press Edit again.';
      });
    return this.opening;
  }
}
