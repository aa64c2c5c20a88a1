/**
 * The settings of the live Figure 1 as a reader types them or a link carries them: checking the
 * text of each box with a message for each problem, and writing the settings into a URL query
 * (`?steps=2000&lr=0.5&init=0.1&seed=1`) so that a link reproduces a run. Also the pair of runs the
 * figure shows, without and with Batch Normalization, as one record.
 */
import type { SplitDataset } from './digits.ts';
import { DEFAULTS, runFigure1, type Figure1Result } from './figure1.ts';
import { InputError, parseNumber } from './parse-input.ts';

/** What a reader can set: the rest (batch size, evaluation schedule) stays at the paper's setup. */
export interface Figure1Settings {
  steps: number;
  learningRate: number;
  /** Standard deviation of the initial weights. */
  initStd: number;
  seed: number;
}

export type SettingName = keyof Figure1Settings;

/** The text of each box. */
export type SettingsText = Record<SettingName, string>;

export type SettingErrors = Partial<Record<SettingName, string>>;

export const SETTING_NAMES: readonly SettingName[] = ['steps', 'learningRate', 'initStd', 'seed'];

export const DEFAULT_SETTINGS: Figure1Settings = { steps: 2000, learningRate: DEFAULTS.learningRate, initStd: DEFAULTS.initStd, seed: 1 };

/** The most steps the page accepts (the core allows more), so one run ends within minutes. */
export const PAGE_MAX_STEPS = 20_000;
export const MAX_LEARNING_RATE = 100;
export const MAX_INIT_STD = 10;
export const MAX_SEED = 2 ** 32 - 1;

/** The name of each setting in the URL. */
export const QUERY_KEYS: Readonly<Record<SettingName, string>> = { steps: 'steps', learningRate: 'lr', initStd: 'init', seed: 'seed' };

/** A number as messages write it: 20,000, −0.5. */
function shown(value: number): string {
  return value.toLocaleString('en-US', { maximumSignificantDigits: 15 }).replace(/^-/, '−');
}

/** A whole number from `min` to `max` typed in a box called `name`; throws `InputError` with the reason. */
function parseWhole(text: string, name: string, example: string, min: number, max: number, tooLarge: string): number {
  const value = parseNumber(text, name, example);
  const Name = name[0].toUpperCase() + name.slice(1);
  if (!Number.isInteger(value)) throw new InputError(`${Name} must be a whole number, such as ${example}; got ${shown(value)}.`);
  if (value < min) throw new InputError(`${Name} must be at least ${shown(min)}; got ${shown(value)}.`);
  if (value > max) throw new InputError(`${Name} can be at most ${shown(max)}${tooLarge}; got ${shown(value)}.`);
  return value;
}

/** A positive number up to `max` typed in a box called `name`; throws `InputError` with the reason. */
function parsePositive(text: string, name: string, example: string, max: number, tooLarge: string): number {
  const value = parseNumber(text, name, example);
  const Name = name[0].toUpperCase() + name.slice(1);
  if (!(value > 0) || !Number.isFinite(value)) throw new InputError(`${Name} must be a positive number, such as ${example}; got ${shown(value)}.`);
  if (value > max) throw new InputError(`${Name} can be at most ${shown(max)}${tooLarge}; got ${shown(value)}.`);
  return value;
}

const PARSERS: Record<SettingName, (text: string) => number> = {
  steps: (text) => parseWhole(text, 'the number of steps', '2000', 1, PAGE_MAX_STEPS, ' on this page, so that a run ends within minutes'),
  learningRate: (text) => parsePositive(text, 'the learning rate', '0.5', MAX_LEARNING_RATE, ': larger steps only make the networks diverge'),
  initStd: (text) => parsePositive(text, 'the initial weight scale', '0.1', MAX_INIT_STD, ': larger weights saturate every sigmoid from the start'),
  seed: (text) => parseWhole(text, 'the seed', '1', 0, MAX_SEED, ''),
};

/** Checks the text of every box: the settings, or a message for each box that is wrong. */
export function parseSettings(text: SettingsText): { ok: true; settings: Figure1Settings } | { ok: false; errors: SettingErrors } {
  const settings = { ...DEFAULT_SETTINGS };
  const errors: SettingErrors = {};
  for (const name of SETTING_NAMES) {
    try {
      settings[name] = PARSERS[name](text[name]);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors[name] = error.message;
    }
  }
  return Object.keys(errors).length === 0 ? { ok: true, settings } : { ok: false, errors };
}

/** The settings as the boxes show them. */
export function settingsText(settings: Figure1Settings): SettingsText {
  return { steps: String(settings.steps), learningRate: String(settings.learningRate), initStd: String(settings.initStd), seed: String(settings.seed) };
}

/**
 * The text for each box from a URL query: the link's value where it has one (unchecked: the boxes
 * show it and `parseSettings` says what is wrong), the default elsewhere; `fromLink` names the
 * settings the link set.
 */
export function settingsFromQuery(search: string): { text: SettingsText; fromLink: SettingName[] } {
  const query = new URLSearchParams(search);
  const text = settingsText(DEFAULT_SETTINGS);
  const fromLink: SettingName[] = [];
  for (const name of SETTING_NAMES) {
    const value = query.get(QUERY_KEYS[name]);
    if (value === null) continue;
    text[name] = value.slice(0, 100);
    fromLink.push(name);
  }
  return { text, fromLink };
}

/** `search` (a URL's query, with or without "?") with the settings written in, other parameters kept. */
export function withSettings(search: string, settings: Figure1Settings): string {
  const query = new URLSearchParams(search);
  for (const name of SETTING_NAMES) query.set(QUERY_KEYS[name], String(settings[name]));
  return `?${query.toString()}`;
}

/** Both networks' runs with the same settings, and the settings themselves. */
export interface Figure1Recording {
  settings: Figure1Settings & { batchSize: number; evalEvery: number };
  withoutBatchNorm: Figure1Result;
  withBatchNorm: Figure1Result;
}

/** Trains both networks with `settings` (one after the other) and records what they did. */
export function recordFigure1(data: SplitDataset, settings: Figure1Settings): Figure1Recording {
  const options = { ...settings, batchSize: DEFAULTS.batchSize, evalEvery: DEFAULTS.evalEvery };
  return {
    settings: options,
    withoutBatchNorm: runFigure1(data, { ...options, batchNorm: false }),
    withBatchNorm: runFigure1(data, { ...options, batchNorm: true }),
  };
}
