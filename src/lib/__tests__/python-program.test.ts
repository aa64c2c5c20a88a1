import { describe, expect, it } from 'vitest';
import { seedExample } from '../../examples/seed.ts';
import { matrixFromRows } from '../matrix.ts';
import { matrixLiteral, pythonFloat, pythonProgram } from '../python-program.ts';
import { runExample } from '../run-example.ts';
import { decode, numpyFixtures, readShared } from './fixtures.ts';

describe('the seed example', () => {
  it('generates the original Python program byte for byte', () => {
    expect(pythonProgram(seedExample)).toBe(readShared('reference/seed_example.py'));
  });

  it("prints exactly NumPy's output for the program", () => {
    const outcome = runExample(matrixLiteral(seedExample.data, seedExample.dtype), String(seedExample.epsilon));
    expect(outcome.ok && outcome.result.output).toBe(readShared('reference/seed_example.numpy-output.txt'));
  });

  it('holds the data in exactly one place: the listing shows the data of seed.ts', () => {
    expect(pythonProgram(seedExample)).toContain(matrixLiteral(seedExample.data, 'int64', 17));
    expect(matrixFromRows(seedExample.data.map((row) => [...row])).rows).toBe(5);
  });
});

describe('the program on other data prints what NumPy prints', () => {
  for (const program of numpyFixtures.programs) {
    it(program.name, () => {
      const data = program.data.map((row) => row.map(decode));
      const outcome = runExample(matrixLiteral(data, program.dtype), pythonFloat(program.epsilon));
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(outcome.result.output).toBe(program.output);
    });
  }
});

describe('pythonFloat is Python repr()', () => {
  const cases: [number, string][] = [
    [1, '1.0'],
    [0.1, '0.1'],
    [-2.5, '-2.5'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e16, '1e+16'],
    [123456789012345.6, '123456789012345.6'],
    [1e100, '1e+100'],
    [-0, '-0.0'],
    [Number.NaN, 'nan'],
    [Number.NEGATIVE_INFINITY, '-inf'],
  ];
  for (const [value, text] of cases) it(`${value} → ${text}`, () => expect(pythonFloat(value)).toBe(text));

  it('shows epsilon in the program only when it is not the default', () => {
    expect(pythonProgram({ ...seedExample, epsilon: 0.001 })).toContain('batch_normalize(data, epsilon=0.001)');
  });
});
