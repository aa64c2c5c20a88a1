/**
 * The hash of a link to edited code, `#example=<id>&code=<data>` (see share.ts for the data), in
 * a module of its own: pages read it before anything else of the playground loads.
 */

/** The hash that opens `data` (encoded code) in the editor of the example `example`. */
export function shareHash(example: string, data: string): string {
  return `#example=${encodeURIComponent(example)}&code=${data}`;
}

/** The example and encoded code a link's hash carries, or null for any other hash. */
export function readShareHash(hash: string): { example: string; data: string } | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const example = params.get('example');
  const data = params.get('code');
  return example && data !== null ? { example, data } : null;
}
