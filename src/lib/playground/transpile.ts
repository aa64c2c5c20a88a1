/**
 * TypeScript to runnable JavaScript for the playground, with Sucrase: types are stripped and
 * `import`/`export` become `require` and `exports`, every line staying where it was. No type
 * checking (that would need the whole TypeScript compiler in the page); syntax errors are caught,
 * with their line and column.
 */
import { transform } from 'sucrase';
import type { CodePosition } from './source-map.ts';

export type Transpiled =
  | { ok: true; code: string; mappings: string }
  | { ok: false; message: string; position: CodePosition };

/** The line and column (from 1) of character `offset` of `source`. */
export function positionAt(source: string, offset: number): CodePosition {
  const before = source.slice(0, Math.max(0, Math.min(offset, source.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

export function transpile(source: string, fileName = 'playground.ts'): Transpiled {
  try {
    const result = transform(source, {
      transforms: ['typescript', 'imports'],
      // Browsers that run the playground have every modern feature: leave the code as it is.
      disableESTransforms: true,
      filePath: fileName,
      sourceMapOptions: { compiledFilename: fileName.replace(/\.ts$/, '.js') },
    });
    return { ok: true, code: result.code, mappings: result.sourceMap?.mappings ?? '' };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = (error as { pos?: unknown }).pos;
    // Sucrase says "Error transforming file.ts: Unexpected token (3:11)"; the caller shows the place its own way.
    const text = message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '');
    const position = typeof offset === 'number' ? positionAt(source, offset) : { line: 1, column: 1 };
    return { ok: false, message: text, position };
  }
}
