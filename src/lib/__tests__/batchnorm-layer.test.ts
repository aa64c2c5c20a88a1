import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BatchNorm1d,
  BatchNorm2d,
  BatchNormError,
  batchNormalize,
  momentumFromKeras,
  momentumToKeras,
  tensorFromNested,
  tensorToNested,
} from '../batchnorm.ts';
import { normalGenerator } from '../random.ts';
import { pytorch } from './fixtures.ts';

/** Largest absolute difference between two arrays of any nesting. */
function maxDifference(a: unknown, b: unknown): number {
  const x = [a].flat(4) as number[];
  const y = [b].flat(4) as number[];
  expect(x.length).toBe(y.length);
  return Math.max(0, ...x.map((v, i) => Math.abs(v - y[i])));
}

/** Seeded random matrix with per-column offsets and scales. */
function randomMatrix(rows: number, cols: number, seed: number, offset = 0): number[][] {
  const normal = normalGenerator(seed);
  const scales = Array.from({ length: cols }, () => Math.exp(normal()));
  return Array.from({ length: rows }, () => Array.from({ length: cols }, (_, j) => offset + 3 * j + scales[j] * normal()));
}

function randomTensor(shape: [number, number, number, number], seed: number): number[][][][] {
  const normal = normalGenerator(seed);
  const [n, c, h, w] = shape;
  return Array.from({ length: n }, () => Array.from({ length: c }, (_, j) => Array.from({ length: h }, () => Array.from({ length: w }, () => j + normal() * (1 + j)))));
}

/** A direct, loop-by-loop BatchNorm1d written from the formulas, to check the library against. */
class NaiveBatchNorm1d {
  runningMean: number[];
  runningVar: number[];
  constructor(
    readonly features: number,
    readonly eps: number,
    readonly momentum: number,
    readonly gamma: number[],
    readonly beta: number[],
  ) {
    this.runningMean = new Array(features).fill(0);
    this.runningVar = new Array(features).fill(1);
  }
  forward(x: number[][], training: boolean): number[][] {
    const m = x.length;
    const mean = this.gamma.map((_, j) => x.reduce((s, row) => s + row[j], 0) / m);
    const variance = mean.map((mu, j) => x.reduce((s, row) => s + (row[j] - mu) ** 2, 0) / m);
    if (training) {
      mean.forEach((mu, j) => {
        this.runningMean[j] = (1 - this.momentum) * this.runningMean[j] + this.momentum * mu;
        this.runningVar[j] = (1 - this.momentum) * this.runningVar[j] + (this.momentum * variance[j] * m) / (m - 1);
      });
    }
    const useMean = training ? mean : this.runningMean;
    const useVar = training ? variance : this.runningVar;
    return x.map((row) => row.map((v, j) => (this.gamma[j] * (v - useMean[j])) / Math.sqrt(useVar[j] + this.eps) + this.beta[j]));
  }
}

describe('BatchNorm1d against PyTorch (float64), to 1e-9', () => {
  it('seed: one training step, output and running statistics', () => {
    const bn = new BatchNorm1d(3);
    expect(maxDifference(bn.forward(pytorch.seed.x), pytorch.seed.y)).toBeLessThan(1e-9);
    expect(maxDifference(Array.from(bn.runningMean), pytorch.seed.running_mean)).toBeLessThan(1e-9);
    expect(maxDifference(Array.from(bn.runningVar), pytorch.seed.running_var)).toBeLessThan(1e-9);
    expect(bn.numBatchesTracked).toBe(1);
  });

  it('backward: dx, dγ and dβ with non-trivial γ and β', () => {
    const ref = pytorch.backward;
    const bn = new BatchNorm1d(3, { eps: ref.eps });
    bn.gamma.set(ref.gamma);
    bn.beta.set(ref.beta);
    expect(maxDifference(bn.forward(ref.x), ref.y)).toBeLessThan(1e-9);
    const { dx, dgamma, dbeta } = bn.backward(ref.dy);
    expect(maxDifference(dx, ref.dx)).toBeLessThan(1e-9);
    expect(maxDifference(dgamma, ref.dgamma)).toBeLessThan(1e-9);
    expect(maxDifference(dbeta, ref.dbeta)).toBeLessThan(1e-9);
  });

  it('constant: a constant feature normalizes to 0', () => {
    const bn = new BatchNorm1d(2);
    expect(maxDifference(bn.forward(pytorch.constant.x), pytorch.constant.y)).toBeLessThan(1e-9);
  });
});

describe('BatchNorm2d against PyTorch (float64), to 1e-9', () => {
  it('conv2d: per-channel output, gradients and running statistics on 2 × 3 × 4 × 5', () => {
    const ref = pytorch.conv2d;
    const bn = new BatchNorm2d(3);
    expect(maxDifference(bn.forward(ref.x), ref.y)).toBeLessThan(1e-9);
    expect(maxDifference(Array.from(bn.runningMean), ref.running_mean)).toBeLessThan(1e-9);
    expect(maxDifference(Array.from(bn.runningVar), ref.running_var)).toBeLessThan(1e-9);
    const { dx, dgamma, dbeta } = bn.backward(ref.dy);
    expect(maxDifference(dx, ref.dx)).toBeLessThan(1e-9);
    expect(maxDifference(dgamma, ref.dgamma)).toBeLessThan(1e-9);
    expect(maxDifference(dbeta, ref.dbeta)).toBeLessThan(1e-9);
  });

  it('equals BatchNorm1d on the same values laid out as 1 × 1 images', () => {
    const x = randomMatrix(7, 3, 4);
    const images = x.map((row) => row.map((v) => [[v]]));
    const flat = new BatchNorm1d(3).forward(x);
    const asImages = new BatchNorm2d(3).forward(images);
    expect(maxDifference(asImages, flat)).toBeLessThan(1e-15);
  });
});

describe('training, eval and running statistics', () => {
  it('several training steps then eval match a direct implementation', () => {
    const gamma = [0.5, 2, -1];
    const beta = [1, 0, 0.25];
    const bn = new BatchNorm1d(3, { momentum: 0.2, eps: 1e-3 });
    bn.gamma.set(gamma);
    bn.beta.set(beta);
    const naive = new NaiveBatchNorm1d(3, 1e-3, 0.2, gamma, beta);
    for (let step = 0; step < 6; step++) {
      const x = randomMatrix(8, 3, step, 5);
      expect(maxDifference(bn.forward(x), naive.forward(x, true))).toBeLessThan(1e-12);
    }
    expect(maxDifference(Array.from(bn.runningMean), naive.runningMean)).toBeLessThan(1e-12);
    expect(maxDifference(Array.from(bn.runningVar), naive.runningVar)).toBeLessThan(1e-12);
    bn.eval();
    expect(bn.training).toBe(false);
    const test = randomMatrix(5, 3, 99, 5);
    const before = Array.from(bn.runningMean);
    expect(maxDifference(bn.forward(test), naive.forward(test, false))).toBeLessThan(1e-12);
    expect(Array.from(bn.runningMean)).toEqual(before); // eval mode never updates them
    expect(bn.numBatchesTracked).toBe(6);
  });

  it('in eval mode one example is normalized alone, independently of its batch', () => {
    const bn = new BatchNorm1d(3);
    for (let step = 0; step < 3; step++) bn.forward(randomMatrix(16, 3, step));
    bn.eval();
    const x = randomMatrix(4, 3, 7);
    const together = bn.forward(x);
    const alone = x.map((row) => bn.forward([row])[0]);
    expect(maxDifference(alone, together)).toBe(0);
  });

  it('momentum null keeps a cumulative average of the batch statistics', () => {
    const bn = new BatchNorm1d(2, { momentum: null });
    const means: number[][] = [];
    const unbiased: number[][] = [];
    for (let step = 0; step < 5; step++) {
      const x = randomMatrix(10, 2, 20 + step);
      bn.forward(x);
      const mean = [0, 1].map((j) => x.reduce((s, row) => s + row[j], 0) / 10);
      means.push(mean);
      unbiased.push(mean.map((mu, j) => x.reduce((s, row) => s + (row[j] - mu) ** 2, 0) / 9));
    }
    const average = (rows: number[][], j: number) => rows.reduce((s, row) => s + row[j], 0) / rows.length;
    expect(maxDifference(Array.from(bn.runningMean), [average(means, 0), average(means, 1)])).toBeLessThan(1e-12);
    expect(maxDifference(Array.from(bn.runningVar), [average(unbiased, 0), average(unbiased, 1)])).toBeLessThan(1e-12);
  });

  it('momentum 0 never moves the running statistics; momentum 1 keeps only the last batch', () => {
    const frozen = new BatchNorm1d(2, { momentum: 0 });
    const latest = new BatchNorm1d(2, { momentum: 1 });
    const x = [[1, 10], [3, 30]];
    frozen.forward(x);
    latest.forward(x);
    expect(Array.from(frozen.runningMean)).toEqual([0, 0]);
    expect(Array.from(frozen.runningVar)).toEqual([1, 1]);
    expect(Array.from(latest.runningMean)).toEqual([2, 20]);
    expect(Array.from(latest.runningVar)).toEqual([2, 200]); // unbiased: biased × m/(m−1)
  });

  it('with trackRunningStats false, eval mode still uses batch statistics and nothing is tracked', () => {
    const bn = new BatchNorm1d(3, { trackRunningStats: false });
    const x = randomMatrix(6, 3, 3);
    const trained = bn.forward(x);
    bn.eval();
    expect(bn.forward(x)).toEqual(trained);
    expect(Array.from(bn.runningMean)).toEqual([0, 0, 0]);
    expect(bn.numBatchesTracked).toBe(0);
  });

  it('eps changes the output exactly as in batchNormalize', () => {
    const x = randomMatrix(9, 4, 11);
    for (const eps of [0, 1e-5, 1e-3, 1, 100]) {
      expect(maxDifference(new BatchNorm1d(4, { eps }).forward(x), batchNormalize(x, eps))).toBeLessThan(1e-12);
    }
  });

  it('affine false leaves y = x̂', () => {
    const bn = new BatchNorm1d(3, { affine: false });
    const x = randomMatrix(5, 3, 8);
    expect(maxDifference(bn.forward(x), batchNormalize(x))).toBeLessThan(1e-12);
  });

  it('normalizes 1e9 plus small noise as accurately as the noise alone', () => {
    const noise = randomMatrix(32, 3, 5);
    const offset = noise.map((row) => row.map((v) => v + 1e9));
    const a = new BatchNorm1d(3).forward(offset);
    const b = new BatchNorm1d(3).forward(noise);
    // float64 holds 1e9 + noise only to half a spacing, 2^-24 ≈ 6e-8: after dividing by the
    // smallest column's standard deviation, the outputs may differ by about that much, no more.
    const stds = [0, 1, 2].map((j) => {
      const column = noise.map((row) => row[j]);
      const mean = column.reduce((s, v) => s + v, 0) / column.length;
      return Math.sqrt(column.reduce((s, v) => s + (v - mean) ** 2, 0) / column.length);
    });
    expect(maxDifference(a, b)).toBeLessThan((4 * 2 ** -24) / Math.min(...stds));
    const images = new BatchNorm2d(2).forward(randomTensor([3, 2, 4, 4], 6).map((img) => img.map((ch) => ch.map((row) => row.map((v) => v + 1e9)))));
    const plain = new BatchNorm2d(2).forward(randomTensor([3, 2, 4, 4], 6));
    expect(maxDifference(images, plain)).toBeLessThan(1e-5);
  });
});

/** Central-difference gradient of a scalar function of one entry of a flat array. */
function numericalGradient(values: number[], loss: (values: number[]) => number, h = 1e-5): number[] {
  return values.map((_, i) => {
    const plus = [...values];
    const minus = [...values];
    plus[i] += h;
    minus[i] -= h;
    return (loss(plus) - loss(minus)) / (2 * h);
  });
}

function relativeError(a: number[], b: number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.max(1e-8, Math.abs(v) + Math.abs(b[i]))));
}

describe('the backward pass agrees with central differences', () => {
  for (const [name, training] of [['training mode', true], ['eval mode', false]] as const) {
    it(`BatchNorm1d, ${name}, on random inputs`, () => {
      for (let seed = 0; seed < 5; seed++) {
        const rows = 3 + seed;
        const x = randomMatrix(rows, 3, seed);
        const weights = randomMatrix(rows, 3, 100 + seed);
        const make = (gamma: number[], beta: number[]) => {
          const bn = new BatchNorm1d(3);
          if (!training) {
            bn.forward(randomMatrix(12, 3, 50));
            bn.eval();
          }
          bn.gamma.set(gamma);
          bn.beta.set(beta);
          return bn;
        };
        const gamma = [1.5, -0.5, 2];
        const beta = [0.1, 0.2, -0.3];
        // Loss L = Σ w ⊙ y, so dL/dy = w.
        const loss = (xs: number[], g = gamma, b = beta) => {
          const y = make(g, b).forward(Array.from({ length: rows }, (_, i) => xs.slice(3 * i, 3 * i + 3)));
          return y.flat().reduce((s, v, k) => s + v * weights.flat()[k], 0);
        };
        const bn = make(gamma, beta);
        bn.forward(x);
        const { dx, dgamma, dbeta } = bn.backward(weights);
        expect(relativeError(dx.flat(), numericalGradient(x.flat(), (xs) => loss(xs)))).toBeLessThan(1e-6);
        expect(relativeError(dgamma, numericalGradient(gamma, (g) => loss(x.flat(), g)))).toBeLessThan(1e-6);
        expect(relativeError(dbeta, numericalGradient(beta, (b) => loss(x.flat(), gamma, b)))).toBeLessThan(1e-6);
      }
    });
  }

  it('BatchNorm2d on a random 2 × 2 × 3 × 2 batch', () => {
    const shape: [number, number, number, number] = [2, 2, 3, 2];
    const x = tensorFromNested(randomTensor(shape, 1));
    const w = tensorFromNested(randomTensor(shape, 2));
    const loss = (values: number[]) => {
      const bn = new BatchNorm2d(2);
      bn.gamma.set([0.7, -1.2]);
      const y = bn.forwardTensor({ shape, data: Float64Array.from(values) });
      return y.data.reduce((s, v, k) => s + v * w.data[k], 0);
    };
    const bn = new BatchNorm2d(2);
    bn.gamma.set([0.7, -1.2]);
    bn.forwardTensor(x);
    const { dx } = bn.backwardTensor(w);
    expect(relativeError(Array.from(dx.data), numericalGradient(Array.from(x.data), loss))).toBeLessThan(1e-6);
  });
});

describe('properties', () => {
  const batch = fc
    .record({ rows: fc.integer({ min: 2, max: 24 }), cols: fc.integer({ min: 1, max: 6 }) })
    .chain(({ rows, cols }) =>
      fc.array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
    );

  it('training output has mean β and variance γ²σ²/(σ²+ε) per feature; dx sums to 0 and meets x̂ as the formula says', () => {
    fc.assert(
      fc.property(batch, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), (x, g, b) => {
        const cols = x[0].length;
        const bn = new BatchNorm1d(cols);
        bn.gamma.fill(g);
        bn.beta.fill(b);
        const y = bn.forward(x);
        expect(y.length).toBe(x.length);
        const m = x.length;
        for (let j = 0; j < cols; j++) {
          const column = x.map((row) => row[j]);
          const mu = column.reduce((s, v) => s + v, 0) / m;
          const variance = column.reduce((s, v) => s + (v - mu) ** 2, 0) / m;
          const out = y.map((row) => row[j]);
          const outMean = out.reduce((s, v) => s + v, 0) / m;
          const outVar = out.reduce((s, v) => s + (v - outMean) ** 2, 0) / m;
          const tolerance = 1e-9 * (1 + Math.abs(g)) * (1 + Math.sqrt(variance / (variance + 1e-5)) * 1e3);
          expect(Math.abs(outMean - b)).toBeLessThan(tolerance + 1e-9 * Math.abs(b));
          expect(Math.abs(outVar - (g * g * variance) / (variance + 1e-5))).toBeLessThan(1e-7 * (1 + g * g));
        }
        const dy = x.map((row) => row.map((v) => Math.sin(v)));
        const { dx } = bn.backward(dy);
        const xhat = new BatchNorm1d(cols, { affine: false }).forward(x);
        for (let j = 0; j < cols; j++) {
          const column = x.map((row) => row[j]);
          const mu = column.reduce((s, v) => s + v, 0) / m;
          const variance = column.reduce((s, v) => s + (v - mu) ** 2, 0) / m;
          const scale = Math.max(1, ...dx.map((row) => Math.abs(row[j])));
          expect(Math.abs(dx.reduce((s, row) => s + row[j], 0))).toBeLessThan(1e-12 * scale * m);
          // Σ x̂·dx = γ Σ(dy·x̂) ε / (σ² + ε)^{3/2}: 0 without ε, small with it.
          const dyXhat = dy.reduce((s, row, i) => s + row[j] * xhat[i][j], 0);
          const expected = (g * dyXhat * 1e-5) / (variance + 1e-5) ** 1.5;
          expect(Math.abs(dx.reduce((s, row, i) => s + row[j] * xhat[i][j], 0) - expected)).toBeLessThan(1e-9 * (Math.abs(expected) + scale * m));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('training output is permutation-equivariant: shuffling the batch shuffles the output', () => {
    fc.assert(
      fc.property(batch, fc.integer({ min: 1, max: 1000 }), (x, shift) => {
        const order = x.map((_, i) => (i + shift) % x.length);
        const y = new BatchNorm1d(x[0].length).forward(x);
        const shuffled = new BatchNorm1d(x[0].length).forward(order.map((i) => x[i]));
        expect(maxDifference(shuffled, order.map((i) => y[i]))).toBeLessThan(1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('BatchNorm2d keeps the shape and round-trips its nested form', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
        fc.integer(),
        ([n, c, h, w], seed) => {
          fc.pre(n * h * w > 1);
          const x = randomTensor([n, c, h, w], seed);
          expect(tensorToNested(tensorFromNested(x))).toEqual(x);
          const y = new BatchNorm2d(c).forward(x);
          expect(tensorFromNested(y).shape).toEqual([n, c, h, w]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('momentum conventions', () => {
  it('converts Keras momentum to ours and back', () => {
    expect(momentumFromKeras(0.99)).toBe(0.01);
    expect(momentumFromKeras(0.9)).toBe(0.1);
    expect(momentumToKeras(0.1)).toBe(0.9);
    expect(momentumToKeras(momentumFromKeras(0.999))).toBe(0.999);
    expect(() => momentumFromKeras(1.5)).toThrow(/Keras momentum must be a number from 0 to 1; got 1.5/);
    expect(() => momentumToKeras(Number.NaN)).toThrow(BatchNormError);
  });
});

describe('bad input throws BatchNormError naming the problem', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['zero features', () => new BatchNorm1d(0), /numFeatures must be a positive whole number; got 0/],
    ['fractional features', () => new BatchNorm2d(2.5), /numFeatures must be a positive whole number; got 2.5/],
    ['negative eps', () => new BatchNorm1d(2, { eps: -1 }), /eps must be a finite number ≥ 0; got -1/],
    ['momentum above 1', () => new BatchNorm1d(2, { momentum: 2 }), /momentum must be a number from 0 to 1; got 2/],
    ['wrong feature count', () => new BatchNorm1d(3).forward([[1, 2], [3, 4]]), /BatchNorm1d\(3\) expects 3 features \(columns\) per example; x has 2/],
    ['NaN input', () => new BatchNorm1d(2).forward([[1, 2], [Number.NaN, 4]]), /x\[1\]\[0\] \(row 1, column 0\) is NaN/],
    ['ragged input', () => new BatchNorm1d(2).forward([[1, 2], [3]]), /Row 1 of x has 1 value, but row 0 has 2/],
    ['empty input', () => new BatchNorm1d(2).forward([]), /x is empty/],
    ['a single example when training', () => new BatchNorm1d(3).forward([[1, 2, 3]]), /Expected more than 1 value per channel when training, got 1 example of 3 features.*or call eval\(\)/],
    ['a single pixel image when training', () => new BatchNorm2d(1).forward([[[[1]]]]), /Expected more than 1 value per channel when training, got 1 image of 1 pixel per channel/],
    ['backward before forward', () => new BatchNorm1d(2).backward([[1, 2]]), /backward\(\) needs a forward\(\) first/],
    [
      'dy of another shape',
      () => {
        const bn = new BatchNorm1d(2);
        bn.forward([[1, 2], [3, 4], [5, 7]]);
        return bn.backward([[1, 2], [3, 4]]);
      },
      /dy must have the shape of the last forward pass's output, \(3, 2\); got \(2, 2\)/,
    ],
    [
      'dy with NaN',
      () => {
        const bn = new BatchNorm1d(1);
        bn.forward([[1], [2]]);
        return bn.backward([[1], [Number.NaN]]);
      },
      /dy\[1\]\[0\] \(row 1, column 0\) is NaN/,
    ],
    ['wrong channel count', () => new BatchNorm2d(3).forward(randomTensor([2, 2, 2, 2], 1)), /BatchNorm2d\(3\) expects 3 channels; x has shape \(2, 2, 2, 2\) with 2/],
    ['a 3-D array for BatchNorm2d', () => new BatchNorm2d(1).forward([[[1, 2]]] as unknown as number[][][][]), /x\[0\]\[0\]\[0\] must be an array/],
    ['ragged images', () => new BatchNorm2d(1).forward([[[[1, 2], [3]]]]), /x\[0\]\[0\]\[1\] has 1 entries, but the first has 2/],
    ['Infinity in an image', () => new BatchNorm2d(1).forward([[[[1, Number.POSITIVE_INFINITY]]]]), /x\[0\]\[0\]\[0\]\[1\] is Infinity/],
  ];
  for (const [name, call, message] of cases) {
    it(name, () => {
      expect(call).toThrow(BatchNormError);
      expect(call).toThrow(message);
    });
  }

  it('dy of another image shape with the same number of values', () => {
    const bn = new BatchNorm2d(1);
    bn.forward(randomTensor([1, 1, 2, 3], 1));
    expect(() => bn.backward(randomTensor([1, 1, 3, 2], 2))).toThrow(/\(1, 1, 2, 3\); got \(1, 1, 3, 2\)/);
  });
});
