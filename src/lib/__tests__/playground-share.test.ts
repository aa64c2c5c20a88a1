import { describe, expect, it } from 'vitest';
import { playgroundSource } from '../../examples/playground-examples.ts';
import { formatLogArguments, formatLogValue } from '../playground/console-format.ts';
import { decodeCode, encodeCode, kilobytes, readShareHash, SHARE_LIMIT, ShareError, shareLink } from '../playground/share.ts';
import { createMatrix } from '../matrix.ts';
import { uniformGenerator } from '../random.ts';

/** Text that does not compress: seeded random letters and digits. */
function noise(length: number, seed = 1): string {
  const next = uniformGenerator(seed);
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
}

describe('share links', () => {
  it('round-trip any code, Unicode included', async () => {
    for (const code of ['', 'const γ = 1; // ε → 0, “quotes”, 😀', playgroundSource('code'), noise(3000)]) {
      expect(await decodeCode(await encodeCode(code))).toBe(code);
    }
  });

  it('use only characters that survive an address bar', async () => {
    expect(await encodeCode(noise(2000))).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('compress the Code page’s file well within the limit', async () => {
    const data = await encodeCode(playgroundSource('code'));
    expect(data.length).toBeLessThan(0.6 * playgroundSource('code').length);
  });

  it('carry the example and the code in the hash, and read them back', async () => {
    const link = await shareLink('https://example.org/batchnorm/code/#old', 'code', 'let a = 1;');
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    const url = new URL(link.url);
    expect(url.origin + url.pathname).toBe('https://example.org/batchnorm/code/');
    const shared = readShareHash(url.hash);
    expect(shared?.example).toBe('code');
    expect(await decodeCode(shared!.data)).toBe('let a = 1;');
    expect(readShareHash('#input')).toBeNull();
    expect(readShareHash('')).toBeNull();
  });

  it('refuse code past the size limit, saying how large it is', async () => {
    const link = await shareLink('https://example.org/', 'code', noise(12_000));
    expect(link.ok).toBe(false);
    expect(link.size).toBeGreaterThan(SHARE_LIMIT);
    expect(kilobytes(link.size)).toMatch(/^\d+\.\d KB$/);
    expect((await shareLink('https://example.org/', 'code', noise(5000))).ok).toBe(true);
  });

  it('explain a damaged link', async () => {
    const data = await encodeCode(playgroundSource('code'));
    await expect(decodeCode(data.slice(0, data.length / 2))).rejects.toThrow(ShareError);
    await expect(decodeCode('not base64!')).rejects.toThrow(/characters a shared link never has/);
    await expect(decodeCode('AAAA')).rejects.toThrow(ShareError);
  });

  it('refuse a link that expands far past any code', async () => {
    const bomb = await encodeCode('x'.repeat(1_000_000));
    expect(bomb.length).toBeLessThan(SHARE_LIMIT);
    await expect(decodeCode(bomb)).rejects.toThrow(/far longer than any shared code/);
  });
});

describe('console.log in the playground', () => {
  it('prints arrays of numbers as NumPy prints float64 arrays', () => {
    expect(formatLogValue([1, 2, 3])).toBe('[1. 2. 3.]');
    expect(formatLogValue([[1, 2.5], [-3, 4]])).toBe('[[ 1.   2.5]\n [-3.   4. ]]');
    expect(formatLogValue(new Float64Array([0.1, NaN]))).toBe('[0.1 nan]');
    expect(formatLogValue([[[1, 2]], [[3, 4]]])).toBe('[[[1. 2.]]\n\n [[3. 4.]]]');
    expect(formatLogValue(createMatrix(2, 2, Float64Array.of(1, 2, 3, 4)))).toBe('[[1. 2.]\n [3. 4.]]');
  });

  it('prints other values much as a browser console does', () => {
    expect(formatLogArguments(['mean', 4, true, null, undefined, -0, 10n])).toBe('mean 4 true null undefined -0 10n');
    expect(formatLogValue([])).toBe('[]');
    expect(formatLogValue(['a', 1, [2, 'b']])).toBe('["a", 1, [2, "b"]]');
    expect(formatLogValue({ a: 1, b: 'x' })).toBe('{ a: 1, b: "x" }');
    expect(formatLogValue(new TypeError('bad'))).toBe('TypeError: bad');
    expect(formatLogValue(Math.max)).toBe('[Function max]');
    expect(formatLogValue(new Map([['k', 1]]))).toBe('Map(1) { "k" => 1 }');
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(formatLogValue(cyclic)).toBe('{ self: [Circular] }');
  });

  it('indents multi-line arrays under their key', () => {
    expect(formatLogValue({ mean: [4, 14], xhat: [[1, 2], [3, 4]] })).toBe('{\n  mean: [ 4. 14.],\n  xhat: [[1. 2.]\n         [3. 4.]]\n}');
  });
});
