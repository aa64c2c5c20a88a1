/**
 * Reads the `mappings` of a version-3 source map, so that a position in transpiled code can be
 * traced back to the reader's TypeScript. Sucrase keeps every line where it was but moves columns
 * (types removed, imports rewritten), and its map records each token's original column.
 */

/** A place in a file: line and column both counted from 1, as editors and error messages show them. */
export interface CodePosition {
  line: number;
  column: number;
}

/** One mapped token of a generated line: its generated column and its original line and column, all from 0. */
interface Segment {
  generatedColumn: number;
  originalLine: number;
  originalColumn: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one line's base64 VLQ numbers: each segment is a run of 1, 4 or 5 values. */
function decodeValues(text: string): number[][] {
  const segments: number[][] = [];
  for (const segment of text.split(',')) {
    if (segment === '') continue;
    const values: number[] = [];
    let value = 0;
    let shift = 0;
    for (const char of segment) {
      const digit = BASE64.indexOf(char);
      if (digit < 0) throw new Error(`Invalid character '${char}' in a source map.`);
      value += (digit & 31) << shift;
      if (digit & 32) {
        shift += 5;
      } else {
        values.push(value & 1 ? -(value >>> 1) : value >>> 1);
        value = 0;
        shift = 0;
      }
    }
    segments.push(values);
  }
  return segments;
}

/** The segments of every generated line, with the relative numbers of the format made absolute. */
export function decodeMappings(mappings: string): Segment[][] {
  let originalLine = 0;
  let originalColumn = 0;
  return mappings.split(';').map((line) => {
    let generatedColumn = 0;
    const segments: Segment[] = [];
    for (const values of decodeValues(line)) {
      generatedColumn += values[0];
      if (values.length < 4) continue; // a segment that maps to no source
      originalLine += values[2];
      originalColumn += values[3];
      segments.push({ generatedColumn, originalLine, originalColumn });
    }
    return segments;
  });
}

/**
 * The original position of a generated one: the start of the token it falls in, or the start of
 * the original line when the map has nothing before that column. Undefined past the map's lines.
 */
export function originalPosition(segments: Segment[][], generated: CodePosition): CodePosition | undefined {
  const line = segments[generated.line - 1];
  if (!line) return undefined;
  const column = generated.column - 1;
  let found: Segment | undefined;
  for (const segment of line) {
    if (segment.generatedColumn > column) break;
    found = segment;
  }
  if (!found) return line.length > 0 ? { line: line[0].originalLine + 1, column: 1 } : { line: generated.line, column: 1 };
  return { line: found.originalLine + 1, column: found.originalColumn + 1 };
}
