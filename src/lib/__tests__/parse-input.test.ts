import { describe, expect, it } from 'vitest';
import { InputError, MAX_VALUES, parseMatrix, parseNumber } from '../parse-input.ts';

describe('parseMatrix reads nested lists', () => {
  it('reads Python/JSON style and infers int64', () => {
    expect(parseMatrix('[[1, 2, 3], [4, 5, 6]]')).toEqual({ rows: [[1, 2, 3], [4, 5, 6]], dtype: 'int64' });
  });

  it('reads np.array(...), newlines, comments and trailing commas', () => {
    const text = 'np.array([[1, 2],  # first row\n          [3, 4],])\n';
    expect(parseMatrix(text)).toEqual({ rows: [[1, 2], [3, 4]], dtype: 'int64' });
    expect(parseMatrix('numpy.array( [[1]] )').rows).toEqual([[1]]);
    expect(parseMatrix('array([[1]])').rows).toEqual([[1]]);
  });

  it('infers float64 from any float literal, as NumPy does', () => {
    expect(parseMatrix('[[1, 2.0]]').dtype).toBe('float64');
    expect(parseMatrix('[[1, 2e3]]').dtype).toBe('float64');
    expect(parseMatrix('[[1., .5]]')).toEqual({ rows: [[1, 0.5]], dtype: 'float64' });
  });

  it('reads signs, exponents, underscores, nan and inf spellings', () => {
    const { rows } = parseMatrix('[[-1.5e-3, +2, 1_000], [nan, np.inf, -Infinity]]');
    expect(rows[0]).toEqual([-0.0015, 2, 1000]);
    expect(rows[1][0]).toBeNaN();
    expect(rows[1].slice(1)).toEqual([Infinity, -Infinity]);
  });

  it('reads every float64 back exactly from its shortest form', () => {
    const values = [0.1, 1 / 3, 1e-300, 5e-324, 1.7976931348623157e308, -2.5e-7];
    expect(parseMatrix(`[[${values.join(', ')}]]`).rows[0]).toEqual(values);
  });
});

describe('parseMatrix errors say what and where', () => {
  const cases: [string, string, RegExp, number | undefined, number | undefined][] = [
    ['empty text', '   ', /The matrix is empty/, 1, 4],
    ['a single number', '42', /Found a single number at line 1, column 1/, 1, 1],
    ['a 1-D list', '[1, 2, 3]', /Found a number at line 1, column 2 where a row was expected/, 1, 2],
    ['no rows', '[]', /The matrix has no rows/, 1, 2],
    ['3-D nesting', '[[[1, 2]]]', /A value at line 1, column 3 is itself a list/, 1, 3],
    ['a word', '[[1, abc]]', /Expected a number at line 1, column 6, but found 'abc'/, 1, 6],
    ['a missing comma', '[[1 2]]', /Expected ',' or '\]' at line 1, column 5, but found '2'/, 1, 5],
    ['an unclosed row', '[[1, 2', /The row opened at line 1, column 2 is never closed/, 1, 2],
    ['an unclosed matrix', '[[1, 2],\n [3, 4]', /The matrix opened at line 1, column 1 is never closed/, 1, 1],
    ['text after the matrix', '[[1]] extra', /Unexpected 'extra' at line 1, column 7 after the end of the matrix/, 1, 7],
    ['a second line problem', '[[1, 2],\n [3, x]]', /line 2, column 6/, 2, 6],
    ['a double comma', '[[1,, 2]]', /Expected a number at line 1, column 5, but found ','/, 1, 5],
    ['a huge integer', '[[12345678901234567890]]', /too large to hold exactly.*1\.235e\+19/, 1, 3],
    ['a malformed number', '[[1.2.3]]', /Expected a number at line 1, column 3/, 1, 3],
    ['an unclosed np.array(', 'np.array([[1]]', /Expected '\)' to close np.array\(/, 1, 15],
    ['no opening bracket', '{1, 2}', /Expected '\[' to start the matrix at line 1, column 1, but found '\{'/, 1, 1],
  ];
  for (const [name, text, message, line, column] of cases) {
    it(name, () => {
      try {
        parseMatrix(text);
        expect.unreachable(`${name} should not parse`);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).message).toMatch(message);
        expect([(error as InputError).line, (error as InputError).column]).toEqual([line, column]);
      }
    });
  }

  it(`refuses more than ${MAX_VALUES} values`, () => {
    const row = `[${new Array(1000).fill('1').join(',')}]`;
    const text = `[${new Array(MAX_VALUES / 1000 + 1).fill(row).join(',')}]`;
    expect(() => parseMatrix(text)).toThrow(/more than 2,000,000 values/);
  });
});

describe('parseNumber', () => {
  it('reads one number', () => {
    expect(parseNumber(' 1e-5 ', 'epsilon', '1e-5')).toBe(1e-5);
    expect(parseNumber('0', 'epsilon', '1e-5')).toBe(0);
    expect(parseNumber('-3', 'epsilon', '1e-5')).toBe(-3);
    expect(parseNumber('inf', 'epsilon', '1e-5')).toBe(Infinity);
  });

  it('names the box in its errors', () => {
    expect(() => parseNumber('', 'epsilon', '1e-5')).toThrow('Enter a value for epsilon, such as 1e-5.');
    expect(() => parseNumber('abc', 'epsilon', '1e-5')).toThrow("Epsilon must be a single number, such as 1e-5; got 'abc'.");
    expect(() => parseNumber('1e-5 2', 'epsilon', '1e-5')).toThrow(InputError);
  });
});
