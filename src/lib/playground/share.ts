/**
 * Edited code in a link: `#example=<id>&code=<data>`, where the data is the code's UTF-8,
 * compressed with raw DEFLATE and written in base64url, so it survives any address bar. The part
 * after `#` never reaches the server. Links are limited in size (SHARE_LIMIT) so that they work
 * in every browser, chat and mail program; a longer code gets a clear message instead of a link.
 */

import { shareHash } from './share-hash.ts';

export { readShareHash } from './share-hash.ts';

/** The most characters the encoded code may take in a link. */
export const SHARE_LIMIT = 8 * 1024;

/** The most characters a link's code may expand to, against links crafted to expand without end. */
export const DECODED_LIMIT = 256 * 1024;

/** A link whose code cannot be read: cut short, altered, or not made by this site. */
export class ShareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShareError';
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareError('The link’s code contains characters a shared link never has: it may have been altered.');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  let binary: string;
  try {
    binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  } catch {
    throw new ShareError('The link’s code is incomplete: it may have been cut short when it was copied.');
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new ShareError('The link’s code is far longer than any shared code can be: it was not made by this site.');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** The code as it goes into a link. */
export async function encodeCode(code: string): Promise<string> {
  return toBase64Url(await pipe(new TextEncoder().encode(code), new CompressionStream('deflate-raw')));
}

/** The code a link carries; throws ShareError when it cannot be read. */
export async function decodeCode(data: string): Promise<string> {
  const bytes = fromBase64Url(data);
  let inflated: Uint8Array;
  try {
    inflated = await pipe(bytes, new DecompressionStream('deflate-raw'), DECODED_LIMIT);
  } catch (error) {
    if (error instanceof ShareError) throw error;
    throw new ShareError('The link’s code is damaged: it may have been cut short or altered when it was copied.');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    throw new ShareError('The link’s code is not text: it may have been altered.');
  }
}

export type ShareLink = { ok: true; url: string; size: number } | { ok: false; size: number };

/**
 * A link to `page` (its address without a hash) that opens `code` in the example's editor, or,
 * past SHARE_LIMIT, the size the code would take.
 */
export async function shareLink(page: string, example: string, code: string): Promise<ShareLink> {
  const data = await encodeCode(code);
  if (data.length > SHARE_LIMIT) return { ok: false, size: data.length };
  return { ok: true, url: `${page.replace(/#.*$/, '')}${shareHash(example, data)}`, size: data.length };
}

/** "8.0 KB": a size in characters (each one byte in a link), for messages. */
export function kilobytes(size: number): string {
  return `${(size / 1024).toFixed(1)} KB`;
}
