/**
 * The site's runnable listings, for the playground: the code each one shows, the modules its
 * edited code can import, and the program that runs it and prints what the page prints. The build
 * reads the listings from here (Playground.astro) and the playground's worker runs them.
 *
 * - `code`: the Code page's `src/lib/batchnorm.ts`. The reader edits the whole file; the program
 *   calls its `batchNormalize` on the seed example and prints what the page's program prints.
 * - `tutorial-step-1` … `tutorial-step-7`: one region of the Tutorial's from-scratch file. The
 *   whole file runs with the reader's region in place, so later steps use the earlier ones, and
 *   the step's output prints exactly as the page's build printed it (tutorial-outputs.ts).
 */
import * as batchnorm from '../lib/batchnorm.ts';
import batchnormSource from '../lib/batchnorm.ts?raw';
import * as layer from '../lib/batchnorm-layer.ts';
import * as matrix from '../lib/matrix.ts';
import { BatchNormError, createMatrix, matrixFromRows, type Matrix } from '../lib/matrix.ts';
import { ProgramError, runCode, type ModuleExports, type ModuleMap, type OutputCollector, type RunOutcome, type RunRequest } from '../lib/playground/run-code.ts';
import { DEFAULT_EPSILON, programOutput } from '../lib/python-program.ts';
import { sourceRegion } from '../lib/source-region.ts';
import * as statistics from '../lib/statistics.ts';
import scratchSource from '../lib/tutorial/batchnorm-from-scratch.ts?raw';
import { seedExample } from './seed.ts';
import { tutorialBatch } from './tutorial-batch.ts';
import { stepFunctions, stepOutput, TUTORIAL_STEPS, type TutorialFunctions, type TutorialStep } from './tutorial-outputs.ts';

export type PlaygroundId = 'code' | `tutorial-step-${TutorialStep}`;

export const playgroundIds: readonly PlaygroundId[] = ['code', ...TUTORIAL_STEPS.map((step) => `tutorial-step-${step}` as const)];

/** The modules every playground can import, under names documented next to its Edit button. */
export const documentedModules: ModuleMap = {
  batchnorm,
  example: { seedExample },
  tutorial: { tutorialBatch },
};

/** The Code page's file imports its neighbours in src/lib/, which resolve to the library's own modules. */
const codePageModules: ModuleMap = {
  './matrix.ts': matrix,
  './statistics.ts': statistics,
  './batchnorm-layer.ts': layer,
  ...documentedModules,
};

function stepOf(id: PlaygroundId): TutorialStep | undefined {
  const match = /^tutorial-step-(\d)$/.exec(id);
  return match ? (Number(match[1]) as TutorialStep) : undefined;
}

export function isPlaygroundId(id: string): id is PlaygroundId {
  return (playgroundIds as readonly string[]).includes(id);
}

/** The code a playground's listing shows, and its editor starts from. */
export function playgroundSource(id: PlaygroundId): string {
  const step = stepOf(id);
  return step === undefined ? batchnormSource : sourceRegion(scratchSource, `step-${step}`);
}

/** A module edited code can import, with the names worth knowing in it, for the line next to the Edit button. */
export interface DocumentedImport {
  module: string;
  names?: string;
}

/** The line next to the Edit button: what Run does and what the code can import. */
export function playgroundHint(id: PlaygroundId): { runs: string; imports: DocumentedImport[] } {
  const library: DocumentedImport = { module: 'batchnorm', names: 'batchNormalize, BatchNorm1d, BatchNorm2d, …' };
  if (id === 'code') {
    return {
      runs: 'Run calls your batchNormalize on the example above and prints what the program prints.',
      imports: [{ module: './matrix.ts' }, { module: './statistics.ts' }, { module: 'example', names: 'seedExample' }, library],
    };
  }
  return {
    runs: 'Run runs the whole tutorial file with your version of this step and prints the step’s output below.',
    imports: [{ module: 'tutorial', names: 'tutorialBatch' }, library],
  };
}

/** The rows `batchNormalize` returned, as a matrix to print; NaN and infinities print as NumPy prints them. */
function resultMatrix(result: unknown): Matrix {
  const rows = Array.isArray(result) ? (result as unknown[]) : [];
  const cols = Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : 0;
  const rectangular = rows.length > 0 && cols > 0 && rows.every((row) => Array.isArray(row) && row.length === cols && row.every((v) => typeof v === 'number'));
  if (!rectangular) {
    throw new ProgramError('batchNormalize must return rows of numbers (number[][]) of one length, as the program prints them; yours returned something else.');
  }
  return createMatrix(rows.length, cols, Float64Array.from((rows as number[][]).flat()));
}

/** The Code page's program: `normalized_data = batch_normalize(data)`, then the two prints. */
function codeProgram(exports: ModuleExports): string {
  const batchNormalizeOf = exports.batchNormalize;
  if (typeof batchNormalizeOf !== 'function') {
    throw new ProgramError('Your code no longer exports the function batchNormalize, which the program calls.');
  }
  const data = seedExample.data.map((row) => [...row]);
  // As the Python program does: no epsilon argument when it is the default, so an edited default counts.
  const result: unknown = seedExample.epsilon === DEFAULT_EPSILON ? batchNormalizeOf(data) : batchNormalizeOf(data, seedExample.epsilon);
  return programOutput(matrixFromRows(seedExample.data), seedExample.dtype, resultMatrix(result));
}

function stepProgram(step: TutorialStep) {
  return (exports: ModuleExports): string => {
    const missing = stepFunctions[step].filter((name) => typeof exports[name] !== 'function');
    if (missing.length > 0) {
      const names = missing.join(', ');
      throw new ProgramError(`Step ${step}’s output calls ${names}, which the file no longer exports as ${missing.length === 1 ? 'a function' : 'functions'}.`);
    }
    return stepOutput(step, exports as unknown as TutorialFunctions);
  };
}

/** The whole module to run for a playground with the reader's `code`, and where the reader's lines are in it. */
export function playgroundRequest(id: PlaygroundId, code: string): RunRequest {
  const step = stepOf(id);
  if (step === undefined) {
    const count = code.split('\n').length;
    return { source: code, readerCode: code, fileName: 'batchnorm.ts', readerLines: { first: 1, count }, modules: codePageModules, program: codeProgram };
  }
  const lines = scratchSource.split('\n');
  const start = lines.findIndex((line) => line.trim() === `// #region step-${step}`);
  const end = lines.findIndex((line, i) => i > start && line.trim() === `// #endregion step-${step}`);
  if (start < 0 || end < 0) throw new BatchNormError(`No region step-${step} in the tutorial's file.`);
  const readerLines = code.split('\n');
  const source = [...lines.slice(0, start + 1), ...readerLines, ...lines.slice(end)].join('\n');
  return {
    source,
    readerCode: code,
    fileName: 'batchnorm-from-scratch.ts',
    readerLines: { first: start + 2, count: readerLines.length },
    modules: documentedModules,
    program: stepProgram(step),
  };
}

/** Runs a playground's edited code; never throws. */
export function runPlayground(id: PlaygroundId, code: string, collector?: OutputCollector): RunOutcome {
  return runCode(playgroundRequest(id, code), collector);
}
