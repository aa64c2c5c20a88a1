/** Readers for the reference data: `../shared/reference/` beside the checkout, and the NumPy fixtures in `fixtures/`. */
import { readFileSync } from 'node:fs';
import type { DType } from '../numpy-format.ts';

/** The project's root folder. */
const root = new URL('../../../', import.meta.url);

/** Reads a file of the shared material beside the checkout (`../shared/…`). */
export function readShared(path: string): string {
  return readFileSync(new URL(`../shared/${path}`, root), 'utf8');
}

/** Numbers as the fixtures store them: JSON numbers, or strings for nan, ±inf and −0. */
export type Encoded = number | 'nan' | 'inf' | '-inf' | '-0';

export function decode(value: Encoded): number {
  switch (value) {
    case 'nan':
      return Number.NaN;
    case 'inf':
      return Number.POSITIVE_INFINITY;
    case '-inf':
      return Number.NEGATIVE_INFINITY;
    case '-0':
      return -0;
    default:
      return value;
  }
}

export interface ArrayFixture {
  name: string;
  dtype: DType;
  shape: number[];
  data: Encoded[];
  str: string;
}

export interface ProgramFixture {
  name: string;
  dtype: DType;
  data: Encoded[][];
  epsilon: number;
  normalized: Encoded[][];
  output: string;
}

export const numpyFixtures = JSON.parse(readFileSync(new URL('fixtures/numpy-print.json', import.meta.url), 'utf8')) as {
  numpy: string;
  arrays: ArrayFixture[];
  programs: ProgramFixture[];
};

export interface PyTorchReference {
  seed: { x: number[][]; y: number[][]; running_mean: number[]; running_var: number[] };
  backward: Record<'x' | 'y' | 'dy' | 'dx', number[][]> & Record<'gamma' | 'beta' | 'dgamma' | 'dbeta', number[]> & { eps: number };
  conv2d: Record<'x' | 'y' | 'dy' | 'dx', number[][][][]> & Record<'dgamma' | 'dbeta' | 'running_mean' | 'running_var', number[]>;
  constant: { x: number[][]; y: number[][] };
}

export const pytorch = JSON.parse(readShared('reference/batchnorm-pytorch.json')) as PyTorchReference;
