/**
 * Prints arrays exactly as NumPy's `print()` (`str(array)`) does with the default print options:
 * precision 8, `floatmode='maxprec'`, line width 75, summarization above 1,000 elements with
 * 3 edge items, `nan`/`inf`. It follows numpy/_core/arrayprint.py (NumPy 2.x): every element gets
 * the same width, floats switch to scientific notation when the values span a wide range or are
 * tiny, and digits are the shortest that identify the float, rounded exactly when cut short.
 */
import type { Matrix } from './matrix.ts';

export type DType = 'int64' | 'float64';

/** An n-dimensional array in C order, enough to print it. */
export interface NdArray {
  shape: readonly number[];
  data: ArrayLike<number>;
  dtype: DType;
}

const PRECISION = 8;
const LINE_WIDTH = 75;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;

/** A positive decimal number `digits[0].digits[1…] × 10^exponent`, with no leading or trailing zeros in `digits`. */
interface Decimal {
  digits: string;
  exponent: number;
}

/** The exact decimal value of a finite, positive double (every double is a finite decimal fraction). */
function exactDecimal(x: number): Decimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biasedExponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let binaryExponent = -1074;
  if (biasedExponent !== 0) {
    mantissa |= 1n << 52n;
    binaryExponent = biasedExponent - 1075;
  }
  // x = mantissa × 2^binaryExponent = (mantissa × 5^k) / 10^k with k = −binaryExponent.
  let text: string;
  let fractionDigits = 0;
  if (binaryExponent >= 0) {
    text = (mantissa << BigInt(binaryExponent)).toString();
  } else {
    text = (mantissa * 5n ** BigInt(-binaryExponent)).toString();
    fractionDigits = -binaryExponent;
  }
  return normalize(text, text.length - fractionDigits - 1);
}

/** Strips leading and trailing zeros from `digits`, where the first digit stands at 10^exponent. */
function normalize(digits: string, exponent: number): Decimal {
  const leading = digits.length - digits.replace(/^0+/, '').length;
  const trimmed = digits.slice(leading).replace(/0+$/, '');
  return { digits: trimmed, exponent: exponent - leading };
}

/** The shortest decimal that rounds back to x (what JavaScript and NumPy's Dragon4 both print). */
function shortestDecimal(x: number): Decimal {
  const [mantissa, exponent] = x.toExponential().split('e');
  return normalize(mantissa.replace('.', ''), Number(exponent));
}

/**
 * Rounds the exact value of x to `count` significant digits, ties to even, as Dragon4 does
 * when the shortest digits do not fit. `count` may be 0 or negative (the value rounds to 0 or
 * to one unit of the last kept place).
 */
function roundExact(exact: Decimal, count: number): Decimal | null {
  if (count >= exact.digits.length) return exact;
  const kept = count > 0 ? exact.digits.slice(0, count) : '';
  const rest = count >= 0 ? exact.digits.slice(count) : '0'.repeat(-count) + exact.digits;
  // Compare the dropped digits with one half of the last kept place.
  const first = rest[0];
  const tie = first === '5' && /^0*$/.test(rest.slice(1));
  const lastKept = kept.length > 0 ? Number(kept[kept.length - 1]) : 0;
  const roundUp = first > '5' || (first === '5' && !tie) || (tie && lastKept % 2 === 1);
  if (!roundUp) return kept.length > 0 ? normalize(kept, exact.exponent) : null;
  // Add one unit to the last kept place; a carry can add a digit in front.
  const units = (kept.length > 0 ? BigInt(kept) : 0n) + 1n;
  const text = units.toString();
  const width = Math.max(count, 0);
  const carry = text.length - width;
  return normalize(text, exact.exponent + carry);
}

/** Digits of |x| cut to at most `maxFraction` digits after the point (positional) or after the first digit (scientific). */
function digitsFor(x: number, mode: 'positional' | 'scientific', maxFraction: number): Decimal | null {
  const shortest = shortestDecimal(x);
  const keep = mode === 'positional' ? maxFraction + 1 + shortest.exponent : maxFraction + 1;
  if (shortest.digits.length <= keep) return shortest;
  const exact = exactDecimal(x);
  return roundExact(exact, mode === 'positional' ? maxFraction + 1 + exact.exponent : maxFraction + 1);
}

interface Parts {
  /** Sign and integer part, e.g. `-12`. */
  integer: string;
  /** Digits after the point, without trailing zeros unless they were asked for. */
  fraction: string;
  /** Exponent with its sign, e.g. `-05`, scientific only. */
  exponent: string;
}

/** Splits a finite x into the parts NumPy prints: shortest digits, at most `precision` after the point. */
function floatParts(x: number, mode: 'positional' | 'scientific', precision: number, minFraction = 0, exponentDigits = 2): Parts {
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const magnitude = Math.abs(x);
  const decimal = magnitude === 0 ? null : digitsFor(magnitude, mode, precision);
  let integer: string;
  let fraction: string;
  let exponent = '';
  if (mode === 'scientific') {
    const digits = decimal?.digits ?? '0';
    integer = digits[0];
    fraction = digits.slice(1);
    const e = decimal?.exponent ?? 0;
    exponent = (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(exponentDigits, '0');
  } else if (decimal === null) {
    integer = '0';
    fraction = '';
  } else if (decimal.exponent >= 0) {
    const digits = decimal.digits.padEnd(decimal.exponent + 1, '0');
    integer = digits.slice(0, decimal.exponent + 1);
    fraction = digits.slice(decimal.exponent + 1);
  } else {
    integer = '0';
    fraction = '0'.repeat(-decimal.exponent - 1) + decimal.digits;
  }
  return { integer: sign + integer, fraction: fraction.padEnd(minFraction, '0'), exponent };
}

/** NumPy's `FloatingFormat` for float64 with the default options: one width for every element. */
class FloatFormat {
  private scientific = false;
  private precision = PRECISION;
  private minFraction = 0;
  private exponentDigits = -1;
  private padLeft = 0;
  private padRight = 0;

  constructor(values: readonly number[]) {
    const finite = values.filter((v) => Number.isFinite(v));
    const nonZero = finite.filter((v) => v !== 0).map((v) => Math.abs(v));
    if (nonZero.length > 0) {
      const max = Math.max(...nonZero);
      const min = Math.min(...nonZero);
      this.scientific = max >= 1e8 || min < 0.0001 || max / min > 1000;
    }
    if (finite.length > 0 && this.scientific) {
      const parts = finite.map((v) => floatParts(v, 'scientific', PRECISION));
      this.exponentDigits = Math.max(...parts.map((p) => p.exponent.length)) - 1;
      this.precision = Math.max(...parts.map((p) => p.fraction.length));
      this.minFraction = this.precision;
      this.padLeft = Math.max(...parts.map((p) => p.integer.length));
      this.padRight = this.exponentDigits + 2 + this.precision;
    } else if (finite.length > 0) {
      const parts = finite.map((v) => floatParts(v, 'positional', PRECISION));
      this.padLeft = Math.max(...parts.map((p) => p.integer.length));
      this.padRight = Math.max(...parts.map((p) => p.fraction.length));
    }
    if (finite.length !== values.length) {
      const negativeInfinity = values.some((v) => v === -Infinity) ? 1 : 0;
      const offset = this.padRight + 1;
      this.padLeft = Math.max(this.padLeft, 'nan'.length - offset, 'inf'.length + negativeInfinity - offset);
    }
  }

  format(x: number): string {
    if (!Number.isFinite(x)) {
      const text = Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
      return text.padStart(this.padLeft + this.padRight + 1);
    }
    if (this.scientific) {
      const p = floatParts(x, 'scientific', this.precision, this.minFraction, this.exponentDigits);
      return `${p.integer.padStart(this.padLeft)}.${p.fraction}e${p.exponent}`;
    }
    const p = floatParts(x, 'positional', this.precision);
    return `${p.integer.padStart(this.padLeft)}.${p.fraction.padEnd(this.padRight)}`;
  }
}

/** NumPy's `IntegerFormat`: right-aligned to the widest of the largest and smallest value. */
class IntegerFormat {
  private readonly width: number;

  constructor(values: readonly number[]) {
    this.width = values.length === 0 ? 0 : Math.max(String(Math.max(...values)).length, String(Math.min(...values)).length);
  }

  format(x: number): string {
    return String(x === 0 ? 0 : x).padStart(this.width);
  }
}

/** The indices printed along an axis of length n: all, or the first and last `EDGE_ITEMS` when summarizing. */
function shownIndices(n: number, summarize: boolean): { leading: number[]; trailing: number[] } {
  const all = Array.from({ length: n }, (_, i) => i);
  if (!summarize || n <= 2 * EDGE_ITEMS) return { leading: all, trailing: [] };
  return { leading: all.slice(0, EDGE_ITEMS), trailing: all.slice(n - EDGE_ITEMS) };
}

/** Appends `word` to the current line, first wrapping the line when the word would pass `width`. */
function extendLine(state: { text: string; line: string }, word: string, width: number, indent: string): void {
  const needsWrap = state.line.length + word.length > width && state.line.length > indent.length;
  if (needsWrap) {
    state.text += `${state.line.trimEnd()}\n`;
    state.line = indent;
  }
  state.line += word;
}

/** `str(array)` for an array of any number of dimensions, as NumPy prints it. */
export function formatArray(array: NdArray): string {
  const { shape, data, dtype } = array;
  const size = shape.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new RangeError(`Shape (${shape.join(', ')}) needs ${size} values; got ${data.length}.`);
  if (shape.length === 0) throw new RangeError('Printing 0-d arrays (scalars) is not supported.');
  if (size === 0) return '[]';
  const summarize = size > THRESHOLD;
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const shown = shape.map((n) => shownIndices(n, summarize));

  // The format is fitted to the elements that will be shown.
  const shownValues: number[] = [];
  const collect = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      shownValues.push(data[offset]);
      return;
    }
    for (const i of [...shown[axis].leading, ...shown[axis].trailing]) collect(axis + 1, offset + i * strides[axis]);
  };
  collect(0, 0);
  const formatter = dtype === 'int64' ? new IntegerFormat(shownValues) : new FloatFormat(shownValues);

  const recurse = (axis: number, offset: number, indent: string, width: number): string => {
    if (axis === shape.length) return formatter.format(data[offset]);
    const nextIndent = `${indent} `;
    const nextWidth = width - 1;
    const { leading, trailing } = shown[axis];
    const summary = trailing.length > 0;
    const items = [...leading, ...trailing];
    const element = (i: number) => recurse(axis + 1, offset + i * strides[axis], nextIndent, nextWidth);
    let text: string;
    if (axis === shape.length - 1) {
      const elementWidth = width - 1;
      const state = { text: '', line: indent };
      items.forEach((i, k) => {
        extendLine(state, element(i), elementWidth, indent);
        if (k < items.length - 1) state.line += ' ';
        if (summary && k === leading.length - 1) {
          extendLine(state, '...', elementWidth, indent);
          state.line += ' ';
        }
      });
      text = state.text + state.line;
    } else {
      const separator = '\n'.repeat(shape.length - axis - 1);
      const lines = items.map((i) => indent + element(i));
      if (summary) lines.splice(leading.length, 0, `${indent}...`);
      text = lines.join(separator);
    }
    return `[${text.slice(indent.length)}]`;
  };
  return recurse(0, 0, ' ', LINE_WIDTH);
}

/** `str()` of a 2-D matrix, for int64 data (whole numbers) or float64. */
export function formatMatrix(m: Matrix, dtype: DType = 'float64'): string {
  return formatArray({ shape: [m.rows, m.cols], data: m.data, dtype });
}
