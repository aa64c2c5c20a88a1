/**
 * Reads what a reader types into the examples: a matrix written as a nested list in Python,
 * NumPy or JSON style (`[[1, 2, 3], [4, 5, 6]]`, optionally inside `np.array(…)`), and single
 * numbers such as epsilon. Errors say what was expected and where (line and column, from 1).
 */
import type { DType } from './numpy-format.ts';

/** Bad text in an input box; `line` and `column` (from 1) point at the problem when there is one place to point at. */
export class InputError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(message: string, position?: { line: number; column: number }) {
    super(message);
    this.name = 'InputError';
    this.line = position?.line;
    this.column = position?.column;
  }
}

/** The most values the in-page examples accept, so a paste cannot exhaust the tab's memory. */
export const MAX_VALUES = 2_000_000;

export interface ParsedMatrix {
  rows: number[][];
  /** `int64` when every value is written as an integer, as NumPy would infer; otherwise `float64`. */
  dtype: DType;
}

/** A Python, NumPy or JavaScript number: 12, -3.5, .5, 1e-5, 1_000, nan, np.inf, -Infinity. */
const NUMBER = /[+-]?(?:(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?|(?:np\.|numpy\.|math\.)?(?:nan|inf(?:inity)?))(?![\w.])/iy;
const INTEGER = /^[+-]?\d+(?:_\d+)*$/;
const ARRAY_PREFIX = /(?:np\.|numpy\.)?array\s*\(/y;

/** The value of a token matched by `NUMBER`. */
function numberValue(token: string): number {
  const lower = token.toLowerCase().replace(/^([+-]?)(?:np\.|numpy\.|math\.)/, '$1');
  const sign = lower.startsWith('-') ? -1 : 1;
  const unsigned = lower.replace(/^[+-]/, '');
  if (unsigned === 'nan') return Number.NaN;
  if (unsigned.startsWith('inf')) return sign * Number.POSITIVE_INFINITY;
  return Number(lower.replace(/_/g, ''));
}

/** Line and column (from 1) of an offset in `text`. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses a matrix typed as a nested list; throws `InputError` naming the place of the first problem. */
export function parseMatrix(text: string): ParsedMatrix {
  let offset = 0;
  let dtype: DType = 'int64';
  let count = 0;

  const where = (at = offset) => {
    const { line, column } = positionOf(text, at);
    return { text: `line ${line}, column ${column}`, line, column };
  };
  const error = (message: string, at = offset): InputError => {
    const place = where(at);
    return new InputError(message.replace('{where}', place.text), place);
  };
  /** Names what stands at the offset, for "expected …, found …" messages. */
  const found = (): string => {
    if (offset >= text.length) return 'the end of the input';
    const word = /[\w.+-]+/y;
    word.lastIndex = offset;
    const match = word.exec(text);
    return match ? `'${match[0].slice(0, 20)}'` : `'${text[offset]}'`;
  };
  const skipSpace = () => {
    const space = /(?:\s|#[^\n]*)*/y; // whitespace and Python comments
    space.lastIndex = offset;
    space.exec(text);
    offset = space.lastIndex;
  };
  const accept = (char: string): boolean => {
    skipSpace();
    if (text[offset] !== char) return false;
    offset++;
    return true;
  };

  const readNumber = (): number => {
    NUMBER.lastIndex = offset;
    const match = NUMBER.exec(text);
    if (!match) {
      if (text[offset] === '[') throw error('A value at {where} is itself a list: the data must be 2-D, rows of numbers, not deeper.');
      if (text[offset] === ']' || text[offset] === ',') throw error(`Expected a number at {where}, but found ${found()}.`);
      throw error(`Expected a number at {where}, but found ${found()}. Numbers look like 3, -1.5, 2e-3 or nan.`);
    }
    const token = match[0];
    const value = numberValue(token);
    if (INTEGER.test(token)) {
      if (!Number.isSafeInteger(value)) {
        throw error(`The integer ${token} at {where} is too large to hold exactly (over 2^53 − 1); write it as a float, such as ${value.toExponential(3)}.`);
      }
    } else {
      dtype = 'float64';
    }
    if (++count > MAX_VALUES) {
      throw error(`The matrix has more than ${MAX_VALUES.toLocaleString('en-US')} values, the most this page works with; the first value over the limit is at {where}.`);
    }
    offset = NUMBER.lastIndex;
    return value;
  };

  /** A comma-separated list in brackets, with an optional trailing comma as in Python. */
  const readList = <T>(readItem: () => T, what: string): T[] => {
    const open = offset;
    offset++; // the '['
    const items: T[] = [];
    if (accept(']')) return items;
    for (;;) {
      skipSpace();
      if (offset >= text.length) throw error(`The ${what} opened at {where} is never closed: add ']'.`, open);
      items.push(readItem());
      if (accept(']')) return items;
      if (!accept(',')) {
        skipSpace();
        if (offset >= text.length) throw error(`The ${what} opened at {where} is never closed: add ']'.`, open);
        throw error(`Expected ',' or ']' at {where}, but found ${found()}.`);
      }
      if (accept(']')) return items;
    }
  };

  const readRow = (): number[] => {
    if (text[offset] !== '[') {
      NUMBER.lastIndex = offset;
      if (NUMBER.test(text)) {
        throw error('Found a number at {where} where a row was expected: the data must be a 2-D list of rows, such as [[1, 2, 3], [4, 5, 6]].');
      }
      throw error(`Expected a row such as [1, 2, 3] at {where}, but found ${found()}.`);
    }
    return readList(readNumber, 'row');
  };

  skipSpace();
  if (offset >= text.length) throw error('The matrix is empty: type a list of rows, such as [[1, 2, 3], [4, 5, 6]].');
  ARRAY_PREFIX.lastIndex = offset;
  const wrapped = ARRAY_PREFIX.test(text);
  if (wrapped) {
    offset = ARRAY_PREFIX.lastIndex;
    skipSpace();
  }
  if (text[offset] !== '[') {
    NUMBER.lastIndex = offset;
    if (NUMBER.test(text)) throw error('Found a single number at {where}: the data must be a 2-D list of rows, such as [[1, 2, 3], [4, 5, 6]].');
    throw error(`Expected '[' to start the matrix at {where}, but found ${found()}.`);
  }
  const rows = readList(readRow, 'matrix');
  if (rows.length === 0) throw error('The matrix has no rows: write at least one, such as [[1, 2, 3]].', offset - 1);
  if (wrapped && !accept(')')) {
    skipSpace();
    throw error(`Expected ')' to close np.array( at {where}, but found ${found()}.`);
  }
  skipSpace();
  if (offset < text.length) throw error(`Unexpected ${found()} at {where} after the end of the matrix.`);
  return { rows, dtype };
}

/**
 * Parses a single number typed into a box named `name`; throws `InputError` for an empty box
 * or text that is not one number.
 */
export function parseNumber(text: string, name: string, example: string): number {
  const trimmed = text.trim();
  if (trimmed === '') throw new InputError(`Enter a value for ${name}, such as ${example}.`);
  NUMBER.lastIndex = 0;
  const match = NUMBER.exec(trimmed);
  if (!match || match[0].length !== trimmed.length) {
    throw new InputError(`${name[0].toUpperCase()}${name.slice(1)} must be a single number, such as ${example}; got '${trimmed.slice(0, 40)}'.`);
  }
  return numberValue(trimmed);
}
