import { normalGenerator } from '../lib/random.ts';

/** Data a reader can load into the Code page's example with one click, each showing one point. */
export interface Preset {
  id: string;
  label: string;
  /** What to look at once it has run. */
  note: string;
  epsilon: string;
  /** The matrix as typed text; absent for generated data (see `random`). */
  matrix?: string;
  /** Generated in the worker, seeded: too large to ship in the page. */
  random?: { rows: number; cols: number; seed: number };
}

export const presets: readonly Preset[] = [
  {
    id: 'constant-column',
    label: 'Constant column',
    note: 'The first column never changes, so its variance is 0 and only ε keeps the division finite: it normalizes to 0. Set ε to 0 to see NumPy’s nan.',
    epsilon: '1e-5',
    matrix: '[[5, 1],\n [5, 2],\n [5, 4]]',
  },
  {
    id: 'variance-near-epsilon',
    label: 'Variance near ε',
    note: 'The first column’s variance (5e-6) is smaller than ε, so its standard deviation after normalization is √(σ²/(σ²+ε)) ≈ 0.577, far below 1.',
    epsilon: '1e-5',
    matrix: '[[0.000, 1.0],\n [0.002, 2.0],\n [0.004, 3.0],\n [0.006, 4.0]]',
  },
  {
    id: 'far-from-zero',
    label: 'Far from zero',
    note: 'Values near 10⁹ with small differences: the two-pass variance keeps the digits that E[x²] − E[x]² would lose.',
    epsilon: '1e-5',
    matrix: '[[1000000000.1, -3.0],\n [999999999.8, 1.0],\n [1000000000.3, 2.0],\n [999999999.9, 0.0]]',
  },
  {
    id: 'random-large',
    label: 'Random 10,000 × 100',
    note: 'A million values, generated in a background worker: NumPy summarizes the print with “…”, and the page stays responsive while it runs.',
    epsilon: '1e-5',
    random: { rows: 10_000, cols: 100, seed: 2015 },
  },
];

/**
 * Seeded random data as matrix text: column j is normal with its own mean and scale, so the
 * statistics differ from column to column.
 */
export function randomMatrixText(rows: number, cols: number, seed: number): string {
  const normal = normalGenerator(seed);
  const means = Array.from({ length: cols }, () => Math.round(normal() * 50));
  const scales = Array.from({ length: cols }, () => Math.exp(normal()));
  const lines: string[] = new Array(rows);
  const row: string[] = new Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) row[j] = (means[j] + scales[j] * normal()).toFixed(3);
    lines[i] = `[${row.join(', ')}]`;
  }
  return `[${lines.join(',\n ')}]`;
}
