/**
 * A dense, row-major float64 matrix: the typed-array core that the nested-array API
 * (`number[][]`) converts to and from. Element (i, j) is `data[i * cols + j]`.
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** Where in the input a problem was found, counted from 0 as in NumPy and TypeScript. */
export interface ErrorLocation {
  row?: number;
  col?: number;
}

/** The one error class the library throws for bad input; the message names the problem and where. */
export class BatchNormError extends Error {
  readonly row: number | undefined;
  readonly col: number | undefined;

  constructor(message: string, location: ErrorLocation = {}) {
    super(message);
    this.name = 'BatchNormError';
    this.row = location.row;
    this.col = location.col;
  }
}

/** Creates a `rows × cols` matrix of zeros, or wraps `data` after checking its length. */
export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(cols) || cols < 1) {
    throw new BatchNormError(`A matrix needs at least one row and one column; got shape (${rows}, ${cols}).`);
  }
  if (data && data.length !== rows * cols) {
    throw new BatchNormError(`Shape (${rows}, ${cols}) needs ${rows * cols} values; got ${data.length}.`);
  }
  return { rows, cols, data: data ?? new Float64Array(rows * cols) };
}

/** Describes a value for an error message: `NaN`, `Infinity`, `"abc"` (a string), `undefined`. */
function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `${JSON.stringify(value)} (a string)`;
  if (Array.isArray(value)) return 'an array';
  return String(value);
}

/**
 * Checks that `X` is a non-empty rectangular array of finite numbers and copies it into a
 * `Matrix`. Throws `BatchNormError` naming the first offending row (and column).
 */
export function matrixFromRows(X: readonly (readonly number[])[], name = 'X'): Matrix {
  if (!Array.isArray(X)) {
    throw new BatchNormError(`${name} must be an array of rows (number[][]); got ${describe(X)}.`);
  }
  if (X.length === 0) {
    throw new BatchNormError(`${name} is empty: it needs at least one row.`);
  }
  const first = X[0];
  if (!Array.isArray(first)) {
    throw new BatchNormError(`Row 0 of ${name} is not an array of numbers; got ${describe(first)}.`, { row: 0 });
  }
  const rows = X.length;
  const cols = first.length;
  if (cols === 0) {
    throw new BatchNormError(`Row 0 of ${name} is empty: every row needs at least one value.`, { row: 0 });
  }
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = X[i];
    if (!Array.isArray(row)) {
      throw new BatchNormError(`Row ${i} of ${name} is not an array of numbers; got ${describe(row)}.`, { row: i });
    }
    if (row.length !== cols) {
      const what = row.length === 0 ? 'is empty' : `has ${row.length} value${row.length === 1 ? '' : 's'}`;
      throw new BatchNormError(
        `Row ${i} of ${name} ${what}, but row 0 has ${cols}: all rows must have the same length.`,
        { row: i },
      );
    }
    for (let j = 0; j < cols; j++) {
      const value: unknown = row[j];
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new BatchNormError(
          `${name}[${i}][${j}] (row ${i}, column ${j}) is ${describe(value)}: every value must be a finite number.`,
          { row: i, col: j },
        );
      }
      data[i * cols + j] = value;
    }
  }
  return { rows, cols, data };
}

/** Copies a matrix back into nested arrays, one array per row. */
export function matrixToRows(m: Matrix): number[][] {
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  }
  return out;
}
