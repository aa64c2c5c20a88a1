/**
 * How a playground run fails, and the sentence the output panel shows for it. A module of its own,
 * without imports, because the page needs it and must not load the runner (which the worker runs).
 */

/** What a failed run reports. `line` and `column` are in the reader's code when known. */
export interface RunError {
  /** Syntax, a JavaScript error while running, a problem the program found with the module, the time limit, or the runner itself. */
  kind: 'syntax' | 'runtime' | 'program' | 'timeout' | 'internal';
  name: string;
  message: string;
  line?: number;
  column?: number;
  /** Where the error happened when it is outside the reader's lines (another part of the file). */
  elsewhere?: { file: string; line: number; column: number };
}

/** The error as one sentence for the output panel: what, where (in the reader's code) and why. */
export function describeRunError(error: RunError): string {
  const where =
    error.line !== undefined
      ? ` at line ${error.line}, column ${error.column ?? 1}`
      : error.elsewhere
        ? ` in ${error.elsewhere.file} at line ${error.elsewhere.line}, column ${error.elsewhere.column}, outside the code you edited`
        : '';
  switch (error.kind) {
    case 'syntax':
      return `Syntax error${where}: ${error.message}. Nothing ran.`;
    case 'program':
      return `${error.message}${where ? ` (${where.trim()})` : ''}`;
    case 'timeout':
    case 'internal':
      return error.message;
    default:
      return `${error.name}${where}: ${error.message}`;
  }
}
