/**
 * The original page's Python program, generated from an example's data, and what it prints.
 * The Code page shows the program, pre-renders its output and lets the reader rerun it.
 */
import type { Matrix } from './matrix.ts';
import { formatMatrix, type DType } from './numpy-format.ts';

/** An example for the program: the data, whether NumPy would hold it as int64 or float64, and epsilon. */
export interface Example {
  data: readonly (readonly number[])[];
  dtype: DType;
  epsilon: number;
}

/** The NumPy default epsilon of the original `batch_normalize`. */
export const DEFAULT_EPSILON = 1e-5;

/** Python's `repr()` of a float: shortest digits, `1.0` for whole numbers, `1e-05` style exponents. */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(x);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (magnitude === 0 || (magnitude >= 1e-4 && magnitude < 1e16)) {
    const text = String(magnitude);
    return sign + (text.includes('.') ? text : `${text}.0`);
  }
  const [mantissa, exponent] = magnitude.toExponential().split('e');
  const e = Number(exponent);
  return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** A number as a Python literal of the given dtype. */
function literal(value: number, dtype: DType): string {
  return dtype === 'int64' ? String(value) : pythonFloat(value);
}

/**
 * The data as a nested-list literal, one row per line, continuation lines indented by
 * `indent` spaces: `[[1, 2, 3],\n [4, 5, 6]]`. It reads back the same in Python, NumPy and JSON-style input.
 */
export function matrixLiteral(data: Example['data'], dtype: DType, indent = 1): string {
  const rows = data.map((row) => `[${row.map((v) => literal(v, dtype)).join(', ')}]`);
  return `[${rows.join(`,\n${' '.repeat(indent)}`)}]`;
}

/** The Python program of the original page, with the example's data (and epsilon, if not the default). */
export function pythonProgram(example: Example): string {
  const call = example.epsilon === DEFAULT_EPSILON ? 'batch_normalize(data)' : `batch_normalize(data, epsilon=${pythonFloat(example.epsilon)})`;
  return `import numpy as np

def batch_normalize(X, epsilon=1e-5):
    batch_mean = np.mean(X, axis=0)
    batch_var = np.var(X, axis=0)
    X_normalized = (X - batch_mean) / np.sqrt(batch_var + epsilon)
    return X_normalized

data = np.array(${matrixLiteral(example.data, example.dtype, 'data = np.array('.length + 1)})
normalized_data = ${call}
print("Original data:\\n", data)
print("\\nNormalized data:\\n", normalized_data)
`;
}

/** What the program prints: the data and its normalized form, exactly as NumPy's `print()` shows them. */
export function programOutput(data: Matrix, dtype: DType, normalized: Matrix): string {
  return `Original data:\n ${formatMatrix(data, dtype)}\n\nNormalized data:\n ${formatMatrix(normalized)}\n`;
}
