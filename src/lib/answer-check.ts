/**
 * Checks a number a reader types as the answer to an exercise: reads it (any number `parseNumber`
 * reads, or a fraction such as 20/3) and compares it with the expected answer within a relative
 * tolerance.
 */
import { InputError, parseNumber } from './parse-input.ts';

/** The tolerance of an exercise that does not set its own: relative, and absolute for an answer of 0. */
export const DEFAULT_TOLERANCE = 1e-6;

/** How far outside the tolerance an answer still counts as close: probably rounded too early. */
const CLOSE_FACTOR = 100;

const EXAMPLES = '2.5, -0.3, 1e-3 or 20/3';

export type Verdict = 'correct' | 'close' | 'wrong';

/**
 * Reads a typed answer: a number such as 5, -0.25, 1e-3 or 1_000, or a fraction of two such
 * numbers, 20/3. A typographic minus (−) counts as '-'. Throws `InputError` saying what to type.
 */
export function parseAnswer(text: string): number {
  const trimmed = text.replace(/\u2212/g, '-').trim();
  if (trimmed.includes(',')) {
    throw new InputError(`Write the number without commas: 25088 rather than 25,088, and 2.5 with a decimal point; got '${trimmed.slice(0, 40)}'.`);
  }
  const parts = trimmed.split('/');
  if (parts.length === 1) return parseNumber(trimmed, 'your answer', EXAMPLES);
  if (parts.length > 2) throw new InputError(`Write at most one '/', as in 20/3; got '${trimmed.slice(0, 40)}'.`);
  let numerator: number;
  let denominator: number;
  try {
    numerator = parseNumber(parts[0], 'the numerator', '20');
    denominator = parseNumber(parts[1], 'the denominator', '3');
  } catch {
    throw new InputError(`A fraction needs a number on each side of '/', as in 20/3; got '${trimmed.slice(0, 40)}'.`);
  }
  if (denominator === 0) throw new InputError(`The fraction ${trimmed} divides by zero: the number after '/' must not be 0.`);
  return numerator / denominator;
}

/**
 * Whether `value` is the `answer`: within `tolerance` of it relative to its size, or within
 * `tolerance` of it absolutely when the answer is 0. A wrong value within 100 times that of a
 * nonzero answer is `close`: more significant digits would make it right.
 */
export function checkAnswer(value: number, answer: number, tolerance = DEFAULT_TOLERANCE): Verdict {
  if (Number.isNaN(answer)) return Number.isNaN(value) ? 'correct' : 'wrong';
  if (!Number.isFinite(answer) || !Number.isFinite(value)) return value === answer ? 'correct' : 'wrong';
  if (answer === 0) return Math.abs(value) <= tolerance ? 'correct' : 'wrong';
  const allowed = tolerance * Math.abs(answer);
  const error = Math.abs(value - answer);
  if (error <= allowed) return 'correct';
  return error <= CLOSE_FACTOR * allowed ? 'close' : 'wrong';
}

/**
 * The fewest significant digits that always land within a relative `tolerance`: rounding to k
 * digits is off by less than 5·10^-k of the value, so k is the least integer above log10(5 / tolerance).
 */
export function digitsFor(tolerance: number): number {
  return Math.max(1, Math.floor(Math.log10(5 / tolerance)) + 1);
}
