import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAnswer, DEFAULT_TOLERANCE, digitsFor, parseAnswer } from '../answer-check.ts';
import { InputError } from '../parse-input.ts';

describe('parseAnswer', () => {
  it('reads what parseNumber reads', () => {
    expect(parseAnswer('5')).toBe(5);
    expect(parseAnswer('  -0.25 ')).toBe(-0.25);
    expect(parseAnswer('1e-3')).toBe(0.001);
    expect(parseAnswer('25_088')).toBe(25088);
    expect(parseAnswer('.5')).toBe(0.5);
    expect(parseAnswer('+3')).toBe(3);
  });

  it('reads a typographic minus', () => {
    expect(parseAnswer('\u22120.5')).toBe(-0.5);
  });

  it('reads fractions exactly as the division of their parts', () => {
    expect(parseAnswer('20/3')).toBe(20 / 3);
    expect(parseAnswer(' 20 / 3 ')).toBe(20 / 3);
    expect(parseAnswer('-1/4')).toBe(-0.25);
    expect(parseAnswer('1/-4')).toBe(-0.25);
    expect(parseAnswer('1.5/0.5')).toBe(3);
    expect(parseAnswer('0/7')).toBe(0);
  });

  const bad: [string, string, RegExp][] = [
    ['empty', '', /^Enter a value for your answer, such as 2\.5, -0\.3, 1e-3 or 20\/3\.$/],
    ['blank', '   ', /^Enter a value for your answer/],
    ['a word', 'abc', /^Your answer must be a single number, such as 2\.5, -0\.3, 1e-3 or 20\/3; got 'abc'\.$/],
    ['two numbers', '1 2', /got '1 2'/],
    ['a thousands separator', '25,088', /without commas: 25088 rather than 25,088.*got '25,088'/],
    ['a decimal comma', '2,5', /2\.5 with a decimal point; got '2,5'/],
    ['an empty numerator', '/3', /A fraction needs a number on each side of '\/', as in 20\/3; got '\/3'/],
    ['an empty denominator', '20/', /number on each side.*got '20\/'/],
    ['a word in a fraction', 'a/b', /number on each side/],
    ['two slashes', '1/2/3', /at most one '\/'/],
    ['a zero denominator', '5/0', /The fraction 5\/0 divides by zero/],
    ['a zero over zero', '0/0', /divides by zero/],
    ['an expression', 'sqrt(5)', /got 'sqrt\(5\)'/],
  ];
  for (const [name, text, message] of bad) {
    it(`refuses ${name} with a message`, () => {
      expect(() => parseAnswer(text)).toThrow(InputError);
      expect(() => parseAnswer(text)).toThrow(message);
    });
  }
});

describe('checkAnswer', () => {
  it('accepts the exact answer and the same value written another way', () => {
    expect(checkAnswer(5, 5)).toBe('correct');
    expect(checkAnswer(parseAnswer('20/3'), 20 / 3)).toBe('correct');
    expect(checkAnswer(parseAnswer('6.666667'), 20 / 3)).toBe('correct');
    expect(checkAnswer(parseAnswer('25088'), 32 * 28 * 28)).toBe('correct');
  });

  it('uses a relative tolerance', () => {
    expect(checkAnswer(1e6 + 0.5, 1e6)).toBe('correct');
    expect(checkAnswer(1e6 + 2, 1e6)).toBe('close');
    expect(checkAnswer(1e-9 * (1 + 5e-7), 1e-9)).toBe('correct');
    expect(checkAnswer(1.1e-9, 1e-9)).toBe('wrong');
  });

  it('uses the tolerance as an absolute floor for an answer of 0', () => {
    expect(checkAnswer(0, 0)).toBe('correct');
    expect(checkAnswer(-0, 0)).toBe('correct');
    expect(checkAnswer(4e-17, 0)).toBe('correct');
    expect(checkAnswer(DEFAULT_TOLERANCE, 0)).toBe('correct');
    expect(checkAnswer(1e-5, 0)).toBe('wrong'); // never 'close': digits do not get nearer to 0
    expect(checkAnswer(1, 0)).toBe('wrong');
    expect(checkAnswer(1e-3, 0, 1e-2)).toBe('correct');
  });

  it('calls an answer close when it is off by less than 100 tolerances', () => {
    const answer = 3 / Math.sqrt(5);
    expect(checkAnswer(1.342, answer, 1e-3)).toBe('correct');
    expect(checkAnswer(1.34, answer, 1e-3)).toBe('close');
    expect(checkAnswer(1.3, answer, 1e-3)).toBe('close');
    expect(checkAnswer(1.2, answer, 1e-3)).toBe('wrong');
    expect(checkAnswer(6.67, 5)).toBe('wrong');
    expect(checkAnswer(-5, 5)).toBe('wrong');
  });

  it('compares NaN and infinities by identity', () => {
    expect(checkAnswer(Number.NaN, 5)).toBe('wrong');
    expect(checkAnswer(Infinity, 5)).toBe('wrong');
    expect(checkAnswer(Number.NaN, Number.NaN)).toBe('correct');
    expect(checkAnswer(Infinity, Infinity)).toBe('correct');
    expect(checkAnswer(-Infinity, Infinity)).toBe('wrong');
    expect(checkAnswer(1e308, Infinity)).toBe('wrong');
  });
});

describe('digitsFor', () => {
  it('gives the significant digits a tolerance asks for', () => {
    expect(digitsFor(1e-3)).toBe(4);
    expect(digitsFor(DEFAULT_TOLERANCE)).toBe(7);
    expect(digitsFor(5e-4)).toBe(5);
    expect(digitsFor(0.1)).toBe(2);
    expect(digitsFor(10)).toBe(1);
  });

  it('is enough: any nonzero answer rounded to that many digits is correct', () => {
    const tolerances = [1e-1, 5e-2, 1e-2, 2e-3, 1e-3, 5e-4, 1e-4, 1e-6, 1e-9];
    fc.assert(
      fc.property(
        fc.double({ min: 1e-300, max: 1e300, noNaN: true }),
        fc.boolean(),
        fc.constantFrom(...tolerances),
        (magnitude, negative, tolerance) => {
          const answer = negative ? -magnitude : magnitude;
          const typed = answer.toPrecision(digitsFor(tolerance));
          return checkAnswer(parseAnswer(typed), answer, tolerance) === 'correct';
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is the fewest: one digit fewer can fall outside the tolerance', () => {
    // 1.4999… rounded to k − 1 digits loses almost 5·10^-(k-1), more than the tolerance.
    for (const tolerance of [1e-1, 1e-3, 1e-6]) {
      const k = digitsFor(tolerance);
      if (k < 2) continue;
      const answer = 1 + 0.4999 * 10 ** -(k - 2);
      expect(checkAnswer(Number(answer.toPrecision(k - 1)), answer, tolerance)).not.toBe('correct');
    }
  });
});
