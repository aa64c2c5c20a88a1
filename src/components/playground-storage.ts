/**
 * A playground's edited code, kept in the browser's local storage so that it survives a reload,
 * under a key per page and example. Storage can be full or switched off: then edits are simply
 * not kept, without an error.
 */

function key(example: string): string {
  return `playground:${location.pathname}:${example}`;
}

/** The reader's saved code for the example, or null when there is none. */
export function loadEdit(example: string): string | null {
  try {
    return localStorage.getItem(key(example));
  } catch {
    return null;
  }
}

/** Keeps `code` for the example, or forgets it when it is the original again. */
export function saveEdit(example: string, code: string, original: string): void {
  try {
    if (code === original) localStorage.removeItem(key(example));
    else localStorage.setItem(key(example), code);
  } catch {
    // Storage full or disabled: the edit lasts until the page is left.
  }
}

export function forgetEdit(example: string): void {
  try {
    localStorage.removeItem(key(example));
  } catch {
    // nothing was kept
  }
}
