/**
 * What the playground's `console.log` prints for a value. Arrays of numbers, nested to any depth,
 * typed arrays and `{ rows, cols, data }` matrices print as NumPy prints a float64 array, like the
 * rest of the site's output; other values print much as a browser's console shows them.
 */
import { formatArray } from '../numpy-format.ts';

const MAX_DEPTH = 4;
const INLINE_WIDTH = 72;

type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;

function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView) && typeof (value as TypedArray).length === 'number' && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array);
}

/** The shape and values, in C order, of a rectangular array of numbers; undefined for anything else. */
export function numericArray(value: unknown): { shape: number[]; data: number[] } | undefined {
  if (isTypedArray(value)) return { shape: [value.length], data: Array.from(value) };
  if (!Array.isArray(value)) return undefined;
  if (value.length === 0) return undefined; // printed as [] by the general case
  if (value.every((item) => typeof item === 'number')) return { shape: [value.length], data: value as number[] };
  const parts = value.map(numericArray);
  const first = parts[0];
  if (!first) return undefined;
  for (const part of parts) {
    if (!part || part.shape.length !== first.shape.length || part.shape.some((n, k) => n !== first.shape[k])) return undefined;
  }
  return { shape: [value.length, ...first.shape], data: parts.flatMap((part) => part!.data) };
}

/** A `{ rows, cols, data }` matrix of the library, as a 2-D array; undefined for anything else. */
function matrixArray(value: object): { shape: number[]; data: ArrayLike<number> } | undefined {
  const { rows, cols, data } = value as { rows?: unknown; cols?: unknown; data?: unknown };
  if (typeof rows !== 'number' || typeof cols !== 'number' || !isTypedArray(data) || data.length !== rows * cols || rows * cols === 0) return undefined;
  return { shape: [rows, cols], data };
}

function numberText(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Indents every line after the first by `width` spaces, so a multi-line value sits under its start. */
function hang(text: string, width: number): string {
  return text.split('\n').join(`\n${' '.repeat(width)}`);
}

function formatValue(value: unknown, depth: number, seen: Set<object>, quoteStrings: boolean): string {
  if (typeof value === 'string') return quoteStrings ? JSON.stringify(value) : value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (value === null || value === undefined || typeof value === 'boolean') return String(value);
  if (typeof value === 'function') {
    const name = value.name || '(anonymous)';
    return /^class\b/.test(Function.prototype.toString.call(value)) ? `[class ${name}]` : `[Function ${name}]`;
  }
  const object = value as object;
  const numeric = numericArray(object) ?? matrixArray(object);
  if (numeric) return formatArray({ shape: numeric.shape, data: numeric.data, dtype: 'float64' });
  if (object instanceof Error) return `${object.name}: ${object.message}`;
  if (seen.has(object)) return '[Circular]';
  if (depth >= MAX_DEPTH) return Array.isArray(object) ? '[Array]' : '[Object]';
  seen.add(object);
  try {
    if (Array.isArray(object)) {
      return group('[', ']', object.map((item) => formatValue(item, depth + 1, seen, true)));
    }
    if (object instanceof Map) {
      const entries = [...object].map(([k, v]) => `${formatValue(k, depth + 1, seen, true)} => ${formatValue(v, depth + 1, seen, true)}`);
      return `Map(${object.size}) ${group('{', '}', entries)}`;
    }
    if (object instanceof Set) {
      return `Set(${object.size}) ${group('{', '}', [...object].map((v) => formatValue(v, depth + 1, seen, true)))}`;
    }
    const entries = Object.entries(object).map(([key, item]) => {
      const label = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      return `${label}: ${hang(formatValue(item, depth + 1, seen, true), label.length + 2)}`;
    });
    const constructor = (Object.getPrototypeOf(object) as { constructor?: { name?: string } } | null)?.constructor?.name;
    const prefix = constructor && constructor !== 'Object' ? `${constructor} ` : '';
    return prefix + group('{', '}', entries);
  } finally {
    seen.delete(object);
  }
}

/** `{ a, b }` on one line when short and flat, otherwise one item per line, indented by two. */
function group(open: string, close: string, items: string[]): string {
  if (items.length === 0) return `${open}${close}`;
  const inline = `${open} ${items.join(', ')} ${close}`;
  if (inline.length <= INLINE_WIDTH && !inline.includes('\n')) return open === '[' ? `[${items.join(', ')}]` : inline;
  return `${open}\n${items.map((item) => `  ${hang(item, 2)}`).join(',\n')}\n${close}`;
}

/** One value as `console.log` prints it: strings as they are, everything else formatted. */
export function formatLogValue(value: unknown): string {
  return formatValue(value, 0, new Set(), false);
}

/** A `console.log(a, b, …)` line: the values separated by spaces. */
export function formatLogArguments(values: readonly unknown[]): string {
  return values.map(formatLogValue).join(' ');
}
