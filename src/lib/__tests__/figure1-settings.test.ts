import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseSettings, settingsFromQuery, settingsText, withSettings, type SettingsText } from '../figure1-settings.ts';

const defaults = settingsText(DEFAULT_SETTINGS);

describe('the live Figure 1 settings', () => {
  it('default to the paper-like run: 2,000 steps, learning rate 0.5, weights N(0, 0.1²), seed 1', () => {
    expect(DEFAULT_SETTINGS).toEqual({ steps: 2000, learningRate: 0.5, initStd: 0.1, seed: 1 });
    expect(parseSettings(defaults)).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('accept any spelling of a number the boxes allow', () => {
    const text: SettingsText = { steps: ' 1e3 ', learningRate: '.25', initStd: '5e-2', seed: '4_294_967_295' };
    expect(parseSettings(text)).toEqual({ ok: true, settings: { steps: 1000, learningRate: 0.25, initStd: 0.05, seed: 4294967295 } });
  });

  const bad: [string, Partial<SettingsText>, string][] = [
    ['0 steps', { steps: '0' }, 'The number of steps must be at least 1; got 0.'],
    ['10⁷ steps', { steps: '1e7' }, 'The number of steps can be at most 20,000 on this page, so that a run ends within minutes; got 10,000,000.'],
    ['fractional steps', { steps: '2.5' }, 'The number of steps must be a whole number, such as 2000; got 2.5.'],
    ['text as steps', { steps: 'many' }, "The number of steps must be a single number, such as 2000; got 'many'."],
    ['no steps', { steps: '' }, 'Enter a value for the number of steps, such as 2000.'],
    ['a negative learning rate', { learningRate: '-0.5' }, 'The learning rate must be a positive number, such as 0.5; got −0.5.'],
    ['a zero learning rate', { learningRate: '0' }, 'The learning rate must be a positive number, such as 0.5; got 0.'],
    ['a NaN learning rate', { learningRate: 'nan' }, 'The learning rate must be a positive number, such as 0.5; got NaN.'],
    ['a huge learning rate', { learningRate: '1e3' }, 'The learning rate can be at most 100: larger steps only make the networks diverge; got 1,000.'],
    ['an infinite weight scale', { initStd: 'inf' }, 'The initial weight scale must be a positive number, such as 0.1; got ∞.'],
    ['a large weight scale', { initStd: '11' }, 'The initial weight scale can be at most 10: larger weights saturate every sigmoid from the start; got 11.'],
    ['a negative seed', { seed: '-1' }, 'The seed must be at least 0; got −1.'],
    ['a seed past 32 bits', { seed: '4294967296' }, 'The seed can be at most 4,294,967,295; got 4,294,967,296.'],
  ];
  for (const [name, change, message] of bad) {
    it(`explain ${name}`, () => {
      const [field] = Object.keys(change) as (keyof SettingsText)[];
      expect(parseSettings({ ...defaults, ...change })).toEqual({ ok: false, errors: { [field]: message } });
    });
  }

  it('report every bad box at once', () => {
    const outcome = parseSettings({ steps: '0', learningRate: 'fast', initStd: '0.1', seed: '1.5' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(Object.keys(outcome.errors)).toEqual(['steps', 'learningRate', 'seed']);
  });

  it('round-trip through the URL, keeping other parameters', () => {
    const settings = { steps: 500, learningRate: 0.05, initStd: 1, seed: 42 };
    const search = withSettings('?lang=en', settings);
    expect(search).toBe('?lang=en&steps=500&lr=0.05&init=1&seed=42');
    const { text, fromLink } = settingsFromQuery(search);
    expect(fromLink).toEqual(['steps', 'learningRate', 'initStd', 'seed']);
    expect(parseSettings(text)).toEqual({ ok: true, settings });
  });

  it('take the defaults for what a link leaves out, and keep a bad value to explain it', () => {
    expect(settingsFromQuery('')).toEqual({ text: defaults, fromLink: [] });
    const { text, fromLink } = settingsFromQuery('?steps=abc&seed=7');
    expect(fromLink).toEqual(['steps', 'seed']);
    expect(text).toEqual({ ...defaults, steps: 'abc', seed: '7' });
    expect(parseSettings(text)).toEqual({ ok: false, errors: { steps: "The number of steps must be a single number, such as 2000; got 'abc'." } });
  });
});
