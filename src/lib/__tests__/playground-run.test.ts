import { describe, expect, it } from 'vitest';
import { playgroundIds, playgroundRequest, playgroundSource, runPlayground } from '../../examples/playground-examples.ts';
import { stepOutput, tutorialOutputs, TUTORIAL_STEPS } from '../../examples/tutorial-outputs.ts';
import * as fromScratch from '../tutorial/batchnorm-from-scratch.ts';
import { describeRunError, OUTPUT_LIMIT, OutputCollector, requireFrom, runCode, stackPositions, type RunOutcome, type RunRequest } from '../playground/run-code.ts';
import { decodeMappings, originalPosition } from '../playground/source-map.ts';
import { positionAt, transpile } from '../playground/transpile.ts';
import { readShared } from './fixtures.ts';

const reference = readShared('reference/seed_example.numpy-output.txt');

/** A request for a module of the reader's code alone, whose program calls its `main` and prints the result. */
function request(code: string, modules: RunRequest['modules'] = {}): RunRequest {
  return {
    source: code,
    readerCode: code,
    fileName: 'test.ts',
    readerLines: { first: 1, count: code.split('\n').length },
    modules,
    program: (exports) => `${String((exports.main as () => unknown)())}\n`,
  };
}

function failure(outcome: RunOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got output ${JSON.stringify(outcome.output)}`);
  return outcome.error;
}

describe('transpile', () => {
  it('strips types and keeps every line where it was', () => {
    const source = "import { a, type B } from 'lib';\nexport function f(x: number[][], e: number = 1): number {\n  const y: B = a(x);\n  return y + e;\n}\n";
    const result = transpile(source);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.code.split('\n')).toHaveLength(source.split('\n').length);
    expect(result.code).not.toMatch(/: number/);
    expect(result.code.split('\n')[2]).toContain('_lib.a.call(void 0, x)');
  });

  it('reports a syntax error at its line and column, counted from 1', () => {
    expect(transpile('const a = 1;\nconst x = ;\n')).toEqual({ ok: false, message: 'Unexpected token', position: { line: 2, column: 11 } });
    const unclosed = transpile('function f() {\n  return 1;\n');
    expect(unclosed.ok).toBe(false);
    if (!unclosed.ok) expect(unclosed.position.line).toBe(3);
  });

  it('counts positions from 1', () => {
    expect(positionAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('source maps', () => {
  it('trace a column of the transpiled code back to the TypeScript', () => {
    const source = 'export function f(x: number, y: number): number {\n  return x.toFixed(y) as unknown as number;\n}\n';
    const result = transpile(source);
    if (!result.ok) throw new Error(result.message);
    const segments = decodeMappings(result.mappings);
    const generatedLine = result.code.split('\n')[1];
    const column = generatedLine.indexOf('toFixed') + 1;
    expect(originalPosition(segments, { line: 2, column })).toEqual({ line: 2, column: source.split('\n')[1].indexOf('toFixed') + 1 });
  });

  it('decodes negative and multi-digit numbers', () => {
    // Generated column 0 → source 0, line 0, column 16 ("gB"); then column 5 → back to column 0 ("hB"? no: "KAAhB" is +5, 0, 0, -16).
    const segments = decodeMappings('AAAgB,KAAhB');
    expect(segments[0]).toEqual([
      { generatedColumn: 0, originalLine: 0, originalColumn: 16 },
      { generatedColumn: 5, originalLine: 0, originalColumn: 0 },
    ]);
  });
});

describe('running code', () => {
  it('resolves imports from the module map and prints what the program returns', () => {
    const outcome = runCode(request("import { twice } from 'lib';\nexport function main() { return twice(21); }", { lib: { twice: (x: number) => 2 * x } }));
    expect(outcome).toEqual({ ok: true, output: '42\n' });
  });

  it('names the modules that can be imported when an import is unknown', () => {
    const error = failure(runCode(request("import { x } from 'numpy';\nexport function main() { return x; }", { lib: {}, other: {} })));
    expect(error).toMatchObject({ kind: 'runtime', name: 'ImportError', line: 1 });
    expect(error.message).toBe("Cannot find module 'numpy'. Your code can import from 'lib' and 'other'.");
    expect(() => requireFrom({ a: 1 })('b')).toThrow("Cannot find module 'b'. Your code can import from 'a'.");
  });

  it('prints console.log output first, arrays as NumPy does', () => {
    const outcome = runCode(request('console.log("start", [[1, 2], [3, 4.5]]);\nexport function main() { console.log(new Float64Array([0.5, -1])); return "done"; }'));
    expect(outcome).toEqual({ ok: true, output: 'start [[1.  2. ]\n [3.  4.5]]\n[ 0.5 -1. ]\ndone\n' });
  });

  it('reports a runtime error at its line and column in the TypeScript, types removed before it', () => {
    const code = 'export function main(): number {\n  const rows: number[][] = [];\n  return rows[0].length;\n}';
    const error = failure(runCode(request(code)));
    expect(error).toMatchObject({ kind: 'runtime', name: 'TypeError', line: 3 });
    expect(error.column).toBe(code.split('\n')[2].indexOf('length') + 1);
    expect(describeRunError(error)).toMatch(/^TypeError at line 3, column \d+: Cannot read properties of undefined \(reading 'length'\)$/);
  });

  it('reports where the reader’s code called a library function that threw', () => {
    const code = "import { check } from 'lib';\n\nexport function main() {\n  return check(-1);\n}";
    const modules = {
      lib: {
        check: (x: number) => {
          if (x < 0) throw new RangeError('x must be ≥ 0');
          return x;
        },
      },
    };
    expect(failure(runCode(request(code, modules)))).toMatchObject({ kind: 'runtime', name: 'RangeError', message: 'x must be ≥ 0', line: 4, column: 10 });
  });

  it('reports a syntax error without running anything', () => {
    const error = failure(runCode(request('console.log("ran");\nexport function main() {\n  return 1 +;\n}')));
    expect(error).toMatchObject({ kind: 'syntax', line: 3, column: 13 });
    expect(describeRunError(error)).toBe('Syntax error at line 3, column 13: Unexpected token. Nothing ran.');
  });

  it('reports errors the engine finds and Sucrase does not, without a position', () => {
    const error = failure(runCode(request('let a = 1;\nlet a = 2;\nexport function main() { return a; }')));
    expect(error).toMatchObject({ kind: 'syntax', name: 'SyntaxError' });
    expect(error.message).toMatch(/already been declared/);
  });

  it('reports a thrown value that is not an Error', () => {
    const error = failure(runCode(request('export function main() { throw 42; }')));
    // A thrown number has no stack, so there is no line to show.
    expect(describeRunError(error)).toBe('Uncaught value: 42');
  });

  it('keeps what was printed before an error', () => {
    const outcome = runCode(request('console.log("before");\nexport function main() { return undefinedName; }'));
    expect(outcome.output).toBe('before\n');
    expect(failure(outcome)).toMatchObject({ name: 'ReferenceError', line: 2 });
  });

  it('stops printing at the output limit', () => {
    const pieces: string[] = [];
    const collector = new OutputCollector((text) => pieces.push(text));
    const outcome = runCode(request('export function main() { for (let i = 0; i < 100000; i++) console.log("0123456789"); return "end"; }'), collector);
    expect(outcome.ok).toBe(true);
    expect(outcome.output.length).toBeLessThan(OUTPUT_LIMIT + 200);
    expect(outcome.output).toMatch(/printing stopped here: a run may print at most 200,000 characters\)\n$/);
    expect(pieces.join('')).toBe(outcome.output);
  });

  it('finds stack positions of the evaluated file only', () => {
    const stack = 'Error: x\n    at f (playground-test.ts:5:7)\n    at g (lib.js:1:1)\n    at eval (playground-test.ts:9:3)';
    expect(stackPositions({ stack }, 'playground-test.ts', 2)).toEqual([
      { line: 3, column: 7 },
      { line: 7, column: 3 },
    ]);
  });
});

describe('the Code page playground', () => {
  const original = playgroundSource('code');

  it('runs the original batchnorm.ts and prints exactly what NumPy prints', () => {
    expect(runPlayground('code', original)).toEqual({ ok: true, output: reference });
  });

  it('without epsilon in the square root prints NumPy’s output for epsilon 0', () => {
    const edited = original.replace('Math.sqrt(v + epsilon)', 'Math.sqrt(v)');
    expect(edited).not.toBe(original);
    const outcome = runPlayground('code', edited);
    expect(outcome.ok).toBe(true);
    expect(outcome.output).toContain('Normalized data:\n [[-1.41421356 -1.41421356 -1.41421356]\n [-0.70710678 -0.70710678 -0.70710678]\n [ 0.          0.          0.        ]');
  });

  it('uses an edited default epsilon, as the Python program calls batch_normalize(data)', () => {
    const edited = original.replace('export function batchNormalize(X: number[][], epsilon = 1e-5)', 'export function batchNormalize(X: number[][], epsilon = 0)');
    expect(runPlayground('code', edited).output).toContain('[[-1.41421356 -1.41421356 -1.41421356]');
  });

  it('can import the documented modules and log a matrix', () => {
    const edited = `import { seedExample } from 'example';\nimport { BatchNorm1d } from 'batchnorm';\nconsole.log(seedExample.data[0], new BatchNorm1d(3).gamma);\n${original}`;
    const outcome = runPlayground('code', edited);
    expect(outcome.ok).toBe(true);
    expect(outcome.output.startsWith('[1. 2. 3.] [1. 1. 1.]\nOriginal data:\n')).toBe(true);
  });

  it('explains a missing export and a result of the wrong shape', () => {
    const renamed = failure(runPlayground('code', original.replace('export function batchNormalize(', 'export function normalizeBatch(')));
    expect(describeRunError(renamed)).toBe('Your code no longer exports the function batchNormalize, which the program calls.');
    const wrong = failure(runPlayground('code', original.replace('return matrixToRows(', 'return 1 || matrixToRows(')));
    expect(wrong.kind).toBe('program');
    expect(wrong.message).toMatch(/must return rows of numbers/);
  });

  it('reports a library error at the line of the reader’s code that called it', () => {
    const code = original.replace('return matrixToRows(batchNormalizeMatrix(matrixFromRows(X), epsilon));', 'return matrixToRows(batchNormalizeMatrix(matrixFromRows(X), -1));');
    const line = code.split('\n').findIndex((l) => l.includes('-1));')) + 1;
    const error = failure(runPlayground('code', code));
    expect(error).toMatchObject({ name: 'BatchNormError', message: 'epsilon must be a finite number ≥ 0; got -1.' });
    // The innermost frame in the reader's file: checkEpsilon's throw, inside the edited file.
    expect(error.line).toBe(code.split('\n').findIndex((l) => l.includes('throw new BatchNormError(`epsilon')) + 1);
    expect(line).toBeGreaterThan(error.line!);
  });
});

describe('the Tutorial playgrounds', () => {
  it('print every step exactly as the page’s build does, from the original code', () => {
    for (const step of TUTORIAL_STEPS) {
      expect(runPlayground(`tutorial-step-${step}`, playgroundSource(`tutorial-step-${step}`))).toEqual({ ok: true, output: tutorialOutputs[`step${step}`] });
      expect(stepOutput(step, fromScratch)).toBe(tutorialOutputs[`step${step}`]);
    }
  });

  it('run the whole file with the edited step in place, so later steps use it', () => {
    const code = playgroundSource('tutorial-step-2').replace('/ Math.sqrt(variance[j] + eps)', '/ Math.sqrt(variance[j] + eps) * 2 + 1');
    const step2 = runPlayground('tutorial-step-2', code);
    expect(step2.ok).toBe(true);
    expect(step2.output).toContain('xhat = [[-1.68327889 -1.13808917 -1.68327889]');
    // Step 3 (y = γ x̂ + β) is printed from the original step 2 when step 3 is the edited one.
    const scaled = playgroundSource('tutorial-step-3').replace('gamma[j] * value + beta[j]', 'value');
    expect(runPlayground('tutorial-step-3', scaled).output).toBe(tutorialOutputs.step2.replace('xhat = ', 'y = ').replace(/^ {8}/gm, '     '));
  });

  it('report errors in the reader’s lines of the step, not the file’s', () => {
    const code = playgroundSource('tutorial-step-2').replace('return x.map(', 'return x.nope(');
    const error = failure(runPlayground('tutorial-step-2', code));
    expect(error).toMatchObject({ kind: 'runtime', name: 'TypeError', line: 3, column: 12 });
    const syntax = failure(runPlayground('tutorial-step-1', `${playgroundSource('tutorial-step-1')}\nconst = 1;`));
    expect(syntax).toMatchObject({ kind: 'syntax', line: playgroundSource('tutorial-step-1').split('\n').length + 1 });
    expect(playgroundRequest('tutorial-step-2', 'x').readerLines).toEqual({ first: 31, count: 1 });
  });

  it('explain a step whose function was renamed or returns the wrong thing', () => {
    const renamed = failure(runPlayground('tutorial-step-2', playgroundSource('tutorial-step-2').replace('function normalize(', 'function normalise(')));
    expect(describeRunError(renamed)).toBe('Step 2’s output calls normalize, which the file no longer exports as a function.');
    const wrong = failure(runPlayground('tutorial-step-2', playgroundSource('tutorial-step-2').replace('return x.map(', 'return 5 || x.map(')));
    expect(describeRunError(wrong)).toBe('TypeError: xhat should be a 1-D or 2-D array of numbers, but it is number 5.');
  });

  it('can add γ and β to the step-2 output with the documented imports', () => {
    const code = `import { tutorialBatch } from 'tutorial';\n${playgroundSource('tutorial-step-2')}\nconst { x, gamma, beta, eps } = tutorialBatch;\nconst mean = featureMeans(x);\nconsole.log(normalize(x, mean, featureVariances(x, mean), eps).map((row) => row.map((v, j) => gamma[j] * v + beta[j])));`;
    const outcome = runPlayground('tutorial-step-2', code);
    expect(outcome.ok).toBe(true);
    expect(outcome.output.startsWith(tutorialOutputs.step3.slice('y = '.length).replace(/^ {5}/gm, ' '))).toBe(true);
  });

  it('exist for the Code page and every step', () => {
    expect(playgroundIds).toEqual(['code', ...TUTORIAL_STEPS.map((s) => `tutorial-step-${s}`)]);
  });
});
