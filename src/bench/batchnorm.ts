/**
 * Batch normalization of a 65,536 × 256 float64 matrix (16.8 million values, 134 MB), next to the
 * floor set by memory bandwidth: a plain `Float64Array.set` copy of the same data, measured in the
 * same run. Also a straightforward nested-array implementation, and TensorFlow.js's CPU backend
 * (`tf.moments` + `tf.batchNorm`, float32: TensorFlow.js has no float64).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { BatchNorm1d } from '../lib/batchnorm-layer.ts';
import { batchNormalizeMatrix } from '../lib/batchnorm.ts';
import type { Matrix } from '../lib/matrix.ts';
import { normalGenerator } from '../lib/random.ts';
import type { Benchmark } from './run.ts';

const ROWS = 65_536;
const COLS = 256;
const MILLIONS = (ROWS * COLS) / 1e6;

/** The textbook translation of the NumPy function to nested arrays, column by column. */
function naiveBatchNormalize(X: number[][], epsilon = 1e-5): number[][] {
  const m = X.length;
  const n = X[0].length;
  const mean: number[] = [];
  const variance: number[] = [];
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += X[i][j];
    mean.push(sum / m);
    let squares = 0;
    for (let i = 0; i < m; i++) squares += (X[i][j] - mean[j]) ** 2;
    variance.push(squares / m);
  }
  return X.map((row) => row.map((v, j) => (v - mean[j]) / Math.sqrt(variance[j] + epsilon)));
}

export function batchnormBenchmark(): Benchmark {
  const normal = normalGenerator(65_536);
  const data = Float64Array.from({ length: ROWS * COLS }, (_, k) => 3 + (k % COLS) / 10 + normal());
  const x: Matrix = { rows: ROWS, cols: COLS, data };
  const copy = new Float64Array(data.length);
  const output: Matrix = { rows: ROWS, cols: COLS, data: new Float64Array(data.length) };
  const nested = Array.from({ length: ROWS }, (_, i) => Array.from(data.subarray(i * COLS, (i + 1) * COLS)));
  const layer = new BatchNorm1d(COLS);
  const dy: Matrix = { rows: ROWS, cols: COLS, data: Float64Array.from(data, (v) => Math.sin(v)) };
  tf.setBackend('cpu');
  const tensor = tf.tensor2d(Float32Array.from(data), [ROWS, COLS]);
  let sink = 0; // results are read, so nothing is optimized away

  return {
    name: 'batchnorm',
    description: `${ROWS.toLocaleString('en-US')} × ${COLS} float64 values (${MILLIONS.toFixed(1)} million); rates in million values per second`,
    unit: 'M values',
    cases: [
      {
        name: 'Float64Array.set copy (the memory-bandwidth floor)',
        run: () => {
          copy.set(data);
          sink += copy[copy.length - 1];
          return MILLIONS;
        },
      },
      {
        name: 'batchNormalize into a reused output (the typed-array core)',
        run: () => {
          sink += batchNormalizeMatrix(x, 1e-5, output).data[0];
          return MILLIONS;
        },
      },
      {
        name: 'batchNormalize allocating a new 134 MB output',
        run: () => {
          sink += batchNormalizeMatrix(x).data[0];
          return MILLIONS;
        },
      },
      {
        name: 'BatchNorm1d forward (training)',
        run: () => {
          sink += layer.forwardMatrix(x).data[0];
          return MILLIONS;
        },
      },
      {
        name: 'BatchNorm1d forward + backward',
        run: () => {
          layer.forwardMatrix(x);
          sink += layer.backwardMatrix(dy).dx.data[0];
          return MILLIONS;
        },
      },
      {
        name: 'naive nested arrays',
        run: () => {
          sink += naiveBatchNormalize(nested)[0][0];
          return MILLIONS;
        },
      },
      {
        name: 'TensorFlow.js CPU, tf.moments + tf.batchNorm (float32)',
        run: () => {
          const result = tf.tidy(() => {
            const { mean, variance } = tf.moments(tensor, 0);
            return tf.batchNorm(tensor, mean, variance, undefined, undefined, 1e-5);
          });
          sink += result.dataSync()[0];
          result.dispose();
          return MILLIONS;
        },
      },
    ],
    note: ([copyRate, normalizeRate, allocatingRate, forwardRate, trainRate, naiveRate, tfRate]) => {
      const ms = (rate: number) => `${((MILLIONS / rate) * 1000).toFixed(0)} ms`;
      const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
      return [
        `Per run (CPU time): copy ${ms(copyRate)}, batchNormalize ${ms(normalizeRate)} (${ms(allocatingRate)} allocating), BatchNorm1d forward ${ms(forwardRate)}, forward + backward ${ms(trainRate)}, naive ${ms(naiveRate)}, TensorFlow.js ${ms(tfRate)}.`,
        `  batchNormalize takes ${times(copyRate, normalizeRate)} the copy's time (target: within 3×), ${times(copyRate, allocatingRate)} when it allocates its output; ` +
          `it is ${times(normalizeRate, tfRate)} as fast as TensorFlow.js's CPU backend and ${times(normalizeRate, naiveRate)} as fast as the naive version.`,
      ].join('\n');
    },
  };
}
