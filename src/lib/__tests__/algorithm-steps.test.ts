import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { algorithmSteps, readStepperInput, STEPPER_LIMITS } from '../algorithm-steps.ts';
import { BatchNorm1d, BatchNormError, matrixFromRows, matrixToRows } from '../batchnorm.ts';
import { stepperExample } from '../../examples/algorithm-stepper.ts';
import { pytorch } from './fixtures.ts';

const example = matrixFromRows(stepperExample.data.map((row) => [...row]));

/** Reads the typed input, failing the test if it is rejected. */
function accepted(matrix: string, epsilon = '1e-5') {
  const outcome = readStepperInput(matrix, epsilon);
  if (!outcome.ok) throw new Error(`rejected: ${JSON.stringify(outcome.errors)}`);
  return outcome.input;
}

function rejected(matrix: string, epsilon = '1e-5') {
  const outcome = readStepperInput(matrix, epsilon);
  if (outcome.ok) throw new Error('accepted');
  return outcome.errors;
}

describe('algorithmSteps', () => {
  it("gives the example's statistics, which read at a glance", () => {
    const { mean, variance } = algorithmSteps(example, 1e-5, [1, 1, 1], [0, 0, 0]);
    expect(Array.from(mean)).toEqual([4, 14, 1]);
    expect(Array.from(variance)).toEqual([5, 14, 4]);
  });

  it("gives the example's x̂ as (x − μ)/√(σ² + ε), computed here by hand", () => {
    const { xhat, y } = algorithmSteps(example, 1e-5, [1, 1, 1], [0, 0, 0]);
    const s1 = Math.sqrt(5.00001);
    const s2 = Math.sqrt(14.00001);
    const s3 = Math.sqrt(4.00001);
    const expected = [
      [-3 / s1, -4 / s2, 2 / s3],
      [-1 / s1, 0, -2 / s3],
      [1 / s1, -2 / s2, 2 / s3],
      [3 / s1, 6 / s2, -2 / s3],
    ];
    matrixToRows(xhat).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 14)));
    expect(matrixToRows(y)).toEqual(matrixToRows(xhat)); // γ = 1, β = 0
  });

  it('agrees bit for bit with BatchNorm1d in training mode, with and without γ and β', () => {
    const gamma = [0.5, -2, 3];
    const beta = [1.5, 0, -4.2];
    const { xhat, y } = algorithmSteps(example, 1e-3, gamma, beta);
    const plain = new BatchNorm1d(3, { eps: 1e-3, affine: false });
    expect(xhat.data).toEqual(plain.forwardMatrix(example).data);
    const layer = new BatchNorm1d(3, { eps: 1e-3 });
    layer.gamma.set(gamma);
    layer.beta.set(beta);
    expect(y.data).toEqual(layer.forwardMatrix(example).data);
  });

  it("matches PyTorch's BatchNorm1d with γ and β (float64 reference)", () => {
    const { x, y, gamma, beta, eps } = pytorch.backward;
    const steps = algorithmSteps(matrixFromRows(x), eps, gamma, beta);
    matrixToRows(steps.y).forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - y[i][j])).toBeLessThan(1e-12)));
  });

  it('γ = 0 makes y = β; γ = √(σ² + ε) and β = μ give x back', () => {
    const flat = algorithmSteps(example, 1e-5, [0, 0, 0], [1.5, -2, 0.3]);
    expect(matrixToRows(flat.y)).toEqual(Array.from({ length: 4 }, () => [1.5, -2, 0.3]));
    const { mean, variance } = flat;
    const undo = algorithmSteps(example, 1e-5, Array.from(variance, (v) => Math.sqrt(v + 1e-5)), mean);
    undo.y.data.forEach((v, k) => expect(v).toBeCloseTo(example.data[k], 12));
  });

  it('a constant feature with ε = 0 gives 0/0 = NaN, as the layer does; ε > 0 gives 0', () => {
    const x = matrixFromRows([
      [2, 1],
      [2, 3],
    ]);
    expect(Array.from(algorithmSteps(x, 0, [1, 1], [0, 0]).xhat.data)).toEqual([NaN, -1, NaN, 1]);
    expect(Array.from(algorithmSteps(x, 1e-5, [1, 1], [0, 0]).xhat.data.filter((_, k) => k % 2 === 0))).toEqual([0, 0]);
  });

  it('for any small batch, y = γ x̂ + β and each x̂ column has mean ≈ 0 and variance σ²/(σ² + ε)', () => {
    const value = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    const batch = fc
      .record({ rows: fc.integer({ min: 2, max: 8 }), cols: fc.integer({ min: 1, max: 4 }) })
      .chain(({ rows, cols }) =>
        fc.record({
          x: fc.array(fc.array(value, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }),
          gamma: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: cols, maxLength: cols }),
          beta: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: cols, maxLength: cols }),
        }),
      );
    fc.assert(
      fc.property(batch, ({ x, gamma, beta }) => {
        const m = matrixFromRows(x);
        const { xhat, y, variance } = algorithmSteps(m, 1e-5, gamma, beta);
        for (let k = 0; k < m.data.length; k++) {
          const j = k % m.cols;
          expect(Math.abs(y.data[k] - (gamma[j] * xhat.data[k] + beta[j]))).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(y.data[k])));
        }
        for (let j = 0; j < m.cols; j++) {
          const column = Array.from({ length: m.rows }, (_, i) => xhat.data[i * m.cols + j]);
          const mean = column.reduce((s, v) => s + v, 0) / m.rows;
          const spread = column.reduce((s, v) => s + (v - mean) ** 2, 0) / m.rows;
          expect(Math.abs(mean)).toBeLessThan(1e-9);
          expect(Math.abs(spread - variance[j] / (variance[j] + 1e-5))).toBeLessThan(1e-9);
        }
      }),
    );
  });

  it('rejects γ or β of the wrong length or not finite', () => {
    expect(() => algorithmSteps(example, 1e-5, [1, 1], [0, 0, 0])).toThrow(BatchNormError);
    expect(() => algorithmSteps(example, 1e-5, [1, 1, 1], [0, NaN, 0])).toThrow('beta[1] is NaN');
  });
});

describe('readStepperInput', () => {
  it('accepts the example and the limits of 2–8 rows and 1–4 columns', () => {
    const input = accepted('[[1, 10, 3],\n [3, 14, -1],\n [5, 12, 3],\n [7, 20, -1]]');
    expect(input.x.data).toEqual(example.data);
    expect(input.epsilon).toBe(1e-5);
    expect(accepted('[[1], [2]]', '0').x.rows).toBe(STEPPER_LIMITS.minRows);
    expect(accepted(`[${Array(8).fill('[1, 2, 3, 4]').join(', ')}]`).x.rows).toBe(STEPPER_LIMITS.maxRows);
  });

  it.each([
    ['an empty box', '', /^The matrix is empty/],
    ['one row', '[[1, 2, 3]]', /^There is only 1 example \(row\)\. The variance of a single example is 0.*Batch Norm needs a batch/],
    ['nine rows', `[${Array(9).fill('[1, 2]').join(', ')}]`, /^There are 9 examples \(rows\); this step-through shows 2 to 8\. Remove 1 row\.$/],
    ['five columns', '[[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]]', /^There are 5 features \(columns\); this step-through shows 1 to 4\. Remove 1 column\.$/],
    ['six columns', '[[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]]', /Remove 2 columns\.$/],
    ['NaN', '[[1, 2], [3, nan]]', /^The value in row 2, column 2 is NaN: every value must be a finite number\.$/],
    ['infinity', '[[-inf, 2], [3, 4]]', /^The value in row 1, column 1 is -Infinity/],
    ['text', '[[1, two], [3, 4]]', /^Expected a number at line 1, column 6, but found 'two'/],
    ['ragged rows', '[[1, 2], [3]]', /^Row 2 has 1 value, but row 1 has 2/],
    ['an empty row', '[[], []]', /^Row 1 is empty/],
  ])('rejects %s with a message', (_, matrix, message) => {
    const errors = rejected(matrix);
    expect(errors.matrix).toMatch(message);
    expect(errors.epsilon).toBeUndefined();
  });

  it.each([
    ['empty', '', /^Enter a value for epsilon/],
    ['text', 'small', /^Epsilon must be a single number, such as 1e-5; got 'small'/],
    ['negative', '-1e-5', /^Epsilon must be a finite number ≥ 0 .*; got -0\.00001\.$/],
    ['infinite', 'inf', /got Infinity\.$/],
    ['NaN', 'nan', /got NaN\.$/],
  ])('rejects a %s epsilon with a message', (_, epsilon, message) => {
    const errors = rejected('[[1], [2]]', epsilon);
    expect(errors.epsilon).toMatch(message);
    expect(errors.matrix).toBeUndefined();
  });

  it('reports both boxes at once', () => {
    expect(Object.keys(rejected('[[1]]', '-1')).sort()).toEqual(['epsilon', 'matrix']);
  });
});
