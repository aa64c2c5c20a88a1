/**
 * Runs a reader's edited TypeScript as a module: transpiles it, evaluates it with a `require` that
 * resolves its imports from a fixed map of modules, hands its exports to the example's program,
 * and reports what it printed or where it failed, in the reader's own lines and columns.
 *
 * Evaluation uses `new Function`, which a Content Security Policy without 'unsafe-eval' forbids:
 * this runs in the playground's Web Worker (src/components/playground.worker.ts), whose policy is
 * its own script's, never on a page.
 */
import { formatLogArguments } from './console-format.ts';
import { decodeMappings, originalPosition, type CodePosition } from './source-map.ts';
import type { RunError } from './run-error.ts';
import { transpile } from './transpile.ts';

export { describeRunError, type RunError } from './run-error.ts';

/** The modules edited code may import, by the name it imports them with. */
export type ModuleMap = Readonly<Record<string, unknown>>;

/** The exports of the reader's module. */
export type ModuleExports = Record<string, unknown>;

export type RunOutcome = { ok: true; output: string } | { ok: false; output: string; error: RunError };

/** The code to run: the whole file, which lines of it the reader wrote, and what to do with its exports. */
export interface RunRequest {
  /** The whole module, the reader's lines included. */
  source: string;
  /** The file's name, as error messages show it. */
  fileName: string;
  /** The reader's lines within `source`: the first one (from 1) and how many. */
  readerLines: { first: number; count: number };
  /** The reader's code alone, checked for syntax errors first so that their positions are the reader's. */
  readerCode: string;
  modules: ModuleMap;
  /** Prints the program's output from the module's exports; may call the reader's functions. */
  program: (exports: ModuleExports) => string;
}

/** The most a run may print; past it, printing stops with a note. */
export const OUTPUT_LIMIT = 200_000;

/** Thrown by a program for a problem with the reader's module that is not a JavaScript error (a missing export). */
export class ProgramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProgramError';
  }
}

/** Collects what a run prints, up to OUTPUT_LIMIT characters, and passes each new piece on. */
export class OutputCollector {
  text = '';
  full = false;
  constructor(private readonly onText: (text: string) => void = () => {}) {}

  write(text: string): void {
    if (this.full) return;
    let piece = text;
    if (this.text.length + piece.length > OUTPUT_LIMIT) {
      piece = `${piece.slice(0, Math.max(0, OUTPUT_LIMIT - this.text.length))}\n… (printing stopped here: a run may print at most ${OUTPUT_LIMIT.toLocaleString('en-US')} characters)\n`;
      this.full = true;
    }
    this.text += piece;
    this.onText(piece);
  }

  /** A console whose log, info, debug, warn and error print a line of formatted values. */
  console(): Pick<Console, 'log' | 'info' | 'debug' | 'warn' | 'error' | 'dir'> {
    const line = (...values: unknown[]) => this.write(`${formatLogArguments(values)}\n`);
    return { log: line, info: line, debug: line, warn: line, error: line, dir: (value: unknown) => line(value) };
  }
}

/** `require` for transpiled code: the module of that name, or an error that lists what can be imported. */
export function requireFrom(modules: ModuleMap): (name: string) => unknown {
  return (name: string) => {
    if (Object.prototype.hasOwnProperty.call(modules, name)) return modules[name];
    const names = Object.keys(modules).map((n) => `'${n}'`);
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'nothing');
    const error = new Error(`Cannot find module '${name}'. Your code can import from ${list}.`);
    error.name = 'ImportError';
    throw error;
  };
}

const PARAMETERS = ['require', 'exports', 'module', 'console'] as const;

/**
 * How many lines the engine puts before the body of `new Function(...)` in its stack positions
 * (2 in V8: `function anonymous(…` and `) {`), measured once rather than assumed.
 */
let headerLines: number | null | undefined;
function functionHeaderLines(): number | null {
  if (headerLines !== undefined) return headerLines;
  try {
    new Function(...PARAMETERS, 'throw new Error();\n//# sourceURL=playground-calibration.js')();
    headerLines = null;
  } catch (error) {
    const match = /playground-calibration\.js:(\d+):\d+/.exec(String((error as Error)?.stack ?? ''));
    headerLines = match ? Number(match[1]) - 1 : null;
  }
  return headerLines;
}

/** The evaluated file's name in stack traces; unusual enough not to match anything else. */
function scriptName(fileName: string): string {
  return `playground-${fileName.replace(/[^\w.-]/g, '_')}`;
}

/** The positions, innermost first, of the stack frames of `error` that are in the evaluated file, in transpiled code. */
export function stackPositions(error: unknown, name: string, header: number): CodePosition[] {
  const stack = typeof (error as Error)?.stack === 'string' ? (error as Error).stack! : '';
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const positions: CodePosition[] = [];
  for (const match of stack.matchAll(new RegExp(`${escaped}:(\\d+):(\\d+)`, 'g'))) {
    positions.push({ line: Number(match[1]) - header, column: Number(match[2]) });
  }
  return positions;
}

/** Runs the request; never throws. Printing goes to `collector`. */
export function runCode(request: RunRequest, collector = new OutputCollector()): RunOutcome {
  const { source, fileName, readerLines, readerCode, modules, program } = request;
  const fail = (error: RunError): RunOutcome => ({ ok: false, output: collector.text, error });

  const own = transpile(readerCode, fileName);
  if (!own.ok) return fail({ kind: 'syntax', name: 'SyntaxError', message: own.message, ...own.position });
  const whole = readerCode === source ? own : transpile(source, fileName);
  if (!whole.ok) {
    return fail({ kind: 'syntax', name: 'SyntaxError', message: whole.message, ...toReader(whole.position, readerLines, fileName) });
  }

  const name = scriptName(fileName);
  let evaluate: (...args: unknown[]) => void;
  try {
    evaluate = new Function(...PARAMETERS, `${whole.code}\n//# sourceURL=${name}`) as typeof evaluate;
  } catch (error) {
    if (error instanceof EvalError) {
      // The worker's Content Security Policy forbids eval: the host sends it the pages' policy.
      return fail({
        kind: 'internal',
        name: 'EvalError',
        message: 'This copy of the site is served with a security policy that forbids running code in the playground’s worker, so your code cannot run here. (Whoever hosts it: see “Deploy” in the README.)',
      });
    }
    // Errors the engine finds that Sucrase does not, such as a name declared twice; V8 does not say where.
    return fail({ kind: 'syntax', name: errorName(error), message: errorMessage(error) });
  }

  const console = collector.console();
  const exports: ModuleExports = {};
  try {
    evaluate(requireFrom(modules), exports, { exports }, console);
    collector.write(program(exports));
    return { ok: true, output: collector.text };
  } catch (error) {
    const header = functionHeaderLines();
    const segments = decodeMappings(whole.mappings);
    const frames = header === null ? [] : stackPositions(error, name, header);
    const original = frames.map((frame) => originalPosition(segments, frame)).filter((p): p is CodePosition => p !== undefined);
    const inReaderCode = original.find((p) => p.line >= readerLines.first && p.line < readerLines.first + readerLines.count);
    const where = inReaderCode ?? original[0];
    return fail({
      kind: error instanceof ProgramError ? 'program' : 'runtime',
      name: errorName(error),
      message: errorMessage(error),
      ...(where ? toReader(where, readerLines, fileName) : {}),
    });
  }
}

/** A position in the whole file as the reader sees it: in their lines, or elsewhere in the file. */
function toReader(position: CodePosition, readerLines: RunRequest['readerLines'], file: string): Pick<RunError, 'line' | 'column' | 'elsewhere'> {
  const line = position.line - readerLines.first + 1;
  if (line >= 1 && line <= readerLines.count) return { line, column: position.column };
  return { elsewhere: { file, line: position.line, column: position.column } };
}

function errorName(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)) return String((error as Error).name || 'Error');
  return 'Uncaught value';
}

function errorMessage(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) return String((error as Error).message);
  return formatLogArguments([error]);
}
