import { describe, expect, it } from 'vitest';
import { BatchNorm1d } from '../batchnorm.ts';
import {
  AGREEMENT_THRESHOLD,
  DEFAULT_SETTINGS,
  LIMITS,
  WARMUP_BATCHES,
  gradientCheck,
  gradientScale,
  loss,
  makeProblem,
  nextSeed,
  parseCheckInput,
  relativeError,
  settingsTexts,
  type CheckTexts,
  type GradientCheckSettings,
  type GradientTable,
} from '../gradient-check.ts';

const check = (changes: Partial<GradientCheckSettings>) => gradientCheck({ ...DEFAULT_SETTINGS, ...changes });
const table = (tables: GradientTable[], name: GradientTable['name']) => tables.find((t) => t.name === name)!;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

describe('relativeError', () => {
  it('is |a − b| / (|a| + |b|), 0 for equal values and 1 for opposite signs', () => {
    expect(relativeError(1, 1)).toBe(0);
    expect(relativeError(3, 1)).toBe(0.5);
    expect(relativeError(-2, 2)).toBe(1);
    expect(relativeError(1e-3, 0)).toBe(1);
  });

  it('compares two exact zeros as 0, not 0/0', () => {
    expect(relativeError(0, 0)).toBe(0);
  });

  it('does not depend on the scale', () => {
    expect(relativeError(1.5e-200, 1e-200)).toBeCloseTo(0.2, 14);
    expect(relativeError(1.5e200, 1e200)).toBeCloseTo(0.2, 14);
  });
});

describe('gradientCheck', () => {
  it('agrees for the defaults, in train and eval mode', () => {
    for (const mode of ['train', 'eval'] as const) {
      const result = check({ mode });
      expect(result.agrees).toBe(true);
      expect(result.worst.entry.relativeError).toBeLessThan(AGREEMENT_THRESHOLD);
      expect(result.disagreement).toBeNull();
    }
  });

  it('agrees to better than 1e-6 at h = 1e-5 for 100 seeds, in both modes', () => {
    for (const mode of ['train', 'eval'] as const) {
      for (const seed of range(0, 99)) {
        expect(check({ seed, mode }).worst.entry.relativeError, `seed ${seed}, ${mode}`).toBeLessThan(1e-6);
      }
    }
  });

  it('for every size, an entry above 1e-6 is only ever a gradient near zero, within rounding of the analytic one', () => {
    for (const mode of ['train', 'eval'] as const) {
      for (const batch of range(3, LIMITS.batch.max)) {
        for (const features of range(1, LIMITS.features.max)) {
          for (const seed of range(0, 4)) {
            const result = check({ batch, features, seed, mode });
            const scale = gradientScale(result.tables);
            for (const t of result.tables) {
              for (const e of t.entries) {
                if (e.relativeError < 1e-6) continue;
                expect(Math.abs(e.analytic) + Math.abs(e.numerical)).toBeLessThan(1e-4 * scale);
                expect(Math.abs(e.analytic - e.numerical)).toBeLessThan(1e-9 * scale);
              }
            }
            if (!result.agrees) expect(result.disagreement).toBe('near-zero');
          }
        }
      }
    }
  });

  it('lets truncation error grow as h²: ten times the step, a hundred times the error', () => {
    for (const seed of range(1, 10)) {
      const coarse = table(check({ seed, step: 1e-2 }).tables, 'dx').maxRelativeError;
      const fine = table(check({ seed, step: 1e-3 }).tables, 'dx').maxRelativeError;
      expect(coarse / fine, `seed ${seed}`).toBeGreaterThan(70);
      expect(coarse / fine, `seed ${seed}`).toBeLessThan(130);
    }
  });

  it('blames a large step on truncation and reports what the default step gives', () => {
    const result = check({ step: 0.1 });
    expect(result.agrees).toBe(false);
    expect(result.worst.entry.relativeError).toBeGreaterThan(1e-3);
    expect(result.disagreement).toBe('truncation');
    expect(result.withDefaultStep).toBe(check({}).worst.entry.relativeError);
  });

  it('is exact up to rounding wherever L is linear: in γ and β always, in x in eval mode', () => {
    const train = check({ step: 0.1 });
    expect(table(train.tables, 'dgamma').maxRelativeError).toBeLessThan(1e-12);
    expect(table(train.tables, 'dbeta').maxRelativeError).toBeLessThan(1e-12);
    const evalMode = check({ step: 0.1, mode: 'eval' });
    expect(evalMode.agrees).toBe(true);
    expect(evalMode.worst.entry.relativeError).toBeLessThan(1e-12);
  });

  it('blames a tiny step on rounding', () => {
    const result = check({ step: LIMITS.step.min });
    expect(result.agrees).toBe(false);
    expect(result.worst.entry.relativeError).toBeGreaterThan(1e-4);
    expect(result.disagreement).toBe('rounding');
    expect(result.withDefaultStep).toBeLessThan(1e-6);
  });

  it('with m = 2 in train mode finds ∂L/∂x nearly zero, and says so rather than blaming the backward pass', () => {
    for (const seed of range(0, 19)) {
      for (const eps of [0, 1e-5]) {
        const result = check({ batch: 2, seed, eps });
        if (eps === 0) {
          // x̂ = ±1 whatever x is, so ∂L/∂x is 0 up to rounding. (With ε > 0 it is of order ε/σ²: small unless σ² is near ε.)
          const rest = Math.max(...result.tables.filter((t) => t.name !== 'dx').flatMap((t) => t.entries.map((e) => Math.abs(e.analytic))));
          for (const e of table(result.tables, 'dx').entries) expect(Math.abs(e.analytic)).toBeLessThan(1e-8 * rest);
          expect(result.agrees).toBe(false);
        }
        if (!result.agrees) expect(result.disagreement, `seed ${seed}, ε = ${eps}`).toBe('near-zero');
      }
    }
  });

  it('gives tables of the right shapes: ∂L/∂x row by row, ∂L/∂γ and ∂L/∂β per feature', () => {
    const result = check({ batch: 5, features: 2 });
    expect(result.tables.map((t) => t.name)).toEqual(['dx', 'dgamma', 'dbeta']);
    const dx = table(result.tables, 'dx');
    expect(dx.entries).toHaveLength(10);
    expect(dx.entries.map((e) => [e.example, e.feature])).toEqual(range(0, 9).map((k) => [Math.floor(k / 2), k % 2]));
    for (const name of ['dgamma', 'dbeta'] as const) {
      expect(table(result.tables, name).entries.map((e) => [e.example, e.feature])).toEqual([
        [null, 0],
        [null, 1],
      ]);
    }
    for (const t of result.tables) expect(t.maxRelativeError).toBe(Math.max(...t.entries.map((e) => e.relativeError)));
  });

  it('takes the analytic gradients from the layer’s backward pass with dL/dy = w', () => {
    const settings = { ...DEFAULT_SETTINGS, seed: 7 };
    const { x, gamma, beta, w } = makeProblem(settings);
    const layer = new BatchNorm1d(x.cols, { eps: settings.eps });
    layer.gamma.set(gamma);
    layer.beta.set(beta);
    layer.forwardMatrix(x);
    const expected = layer.backwardMatrix(w);
    const result = gradientCheck(settings);
    expect(table(result.tables, 'dx').entries.map((e) => e.analytic)).toEqual(Array.from(expected.dx.data));
    expect(table(result.tables, 'dgamma').entries.map((e) => e.analytic)).toEqual(Array.from(expected.dgamma));
    expect(table(result.tables, 'dbeta').entries.map((e) => e.analytic)).toEqual(Array.from(expected.dbeta));
  });

  it('in eval mode normalizes with running statistics from the warm-up batches: ∂L/∂x = γ·w/√(running var + ε)', () => {
    const settings: GradientCheckSettings = { ...DEFAULT_SETTINGS, mode: 'eval' };
    const { gamma, w, running } = makeProblem(settings);
    expect(running).not.toBeNull();
    const result = gradientCheck(settings);
    expect(result.running).toEqual(running);
    const n = settings.features;
    table(result.tables, 'dx').entries.forEach((e, k) => {
      const j = e.feature;
      expect(e.analytic).toBeCloseTo((gamma[j] * w.data[k]) / Math.sqrt(running!.variance[j] + settings.eps), 14);
      expect(k % n).toBe(j);
    });
    // The running statistics are the average of the warm-up batches' statistics, not the initial 0 and 1.
    for (let j = 0; j < n; j++) {
      expect(running!.mean[j]).not.toBe(0);
      expect(running!.variance[j]).not.toBe(1);
    }
    expect(WARMUP_BATCHES).toBeGreaterThan(1);
  });

  it('draws the same x, γ, β and w in both modes, and a different batch for another seed', () => {
    const train = makeProblem(DEFAULT_SETTINGS);
    const evalMode = makeProblem({ ...DEFAULT_SETTINGS, mode: 'eval' });
    expect(evalMode.x).toEqual(train.x);
    expect(evalMode.gamma).toEqual(train.gamma);
    expect(evalMode.beta).toEqual(train.beta);
    expect(evalMode.w).toEqual(train.w);
    expect(train.running).toBeNull();
    expect(makeProblem({ ...DEFAULT_SETTINGS, seed: 2 }).x).not.toEqual(train.x);
  });

  it('is deterministic: the same settings give the same numbers (the build and the browser agree)', () => {
    expect(check({ seed: 3, mode: 'eval' })).toEqual(check({ seed: 3, mode: 'eval' }));
  });

  it('computes L = Σ w ⊙ y from a fresh forward pass', () => {
    const problem = makeProblem(DEFAULT_SETTINGS);
    const layer = new BatchNorm1d(problem.x.cols);
    layer.gamma.set(problem.gamma);
    layer.beta.set(problem.beta);
    const y = layer.forwardMatrix(problem.x).data;
    const direct = y.reduce((sum, v, i) => sum + v * problem.w.data[i], 0);
    const value = loss(problem, problem.x, problem.gamma, problem.beta, DEFAULT_SETTINGS.eps);
    expect(value).toBeCloseTo(direct, 14);
    expect(loss(problem, problem.x, problem.gamma, problem.beta, DEFAULT_SETTINGS.eps)).toBe(value);
  });

  it('throws for settings outside the limits (the parser catches them first)', () => {
    expect(() => check({ batch: 1 })).toThrow(/out of range/);
    expect(() => check({ features: 5 })).toThrow(/out of range/);
    expect(() => check({ step: 0 })).toThrow(/step h/);
    expect(() => check({ eps: -1 })).toThrow(/ε must be/);
  });
});

describe('parseCheckInput', () => {
  const good: CheckTexts = settingsTexts(DEFAULT_SETTINGS);
  const parse = (changes: Partial<CheckTexts>, mode: 'train' | 'eval' = 'train') => parseCheckInput({ ...good, ...changes }, mode);

  it('reads the defaults back as they are written in the boxes', () => {
    expect(good).toEqual({ batch: '4', features: '3', seed: '1', step: '1e-5', eps: '1e-5' });
    expect(parse({})).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
    expect(parse({}, 'eval')).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, mode: 'eval' } });
  });

  it('accepts the edges of every range and numbers written in other ways', () => {
    const result = parse({ batch: ' 16 ', features: '1', seed: '4_294_967_295', step: '1e-12', eps: '0' });
    expect(result).toEqual({ ok: true, settings: { batch: 16, features: 1, seed: 2 ** 32 - 1, step: 1e-12, eps: 0, mode: 'train' } });
    expect(parse({ batch: '2.0', step: '0.1', eps: '1e3' }).ok).toBe(true);
  });

  const bad: [keyof CheckTexts, string, RegExp][] = [
    ['batch', '', /^Enter a value for the batch size m, such as 4\.$/],
    ['batch', '1', /^The batch size m must be from 2 to 16; got 1: one example has no spread to normalize by\.$/],
    ['batch', '17', /must be from 2 to 16; got 17: the tables list every entry/],
    ['batch', '2.5', /^The batch size m must be a whole number from 2 to 16; got 2\.5\.$/],
    ['batch', 'four', /^The batch size m must be a single number, such as 4; got 'four'\.$/],
    ['features', '0', /^The number of features n must be from 1 to 4; got 0: the layer needs at least one\.$/],
    ['features', '5', /must be from 1 to 4; got 5/],
    ['seed', '-1', /^The seed must be from 0 to 4,294,967,295; got -1\.$/],
    ['seed', '1.5', /^The seed must be a whole number from 0 to 4,294,967,295; got 1\.5\.$/],
    ['seed', '4294967296', /got 4294967296/],
    ['step', '0', /^The step h must be greater than 0; got 0: the central difference divides by 2h\.$/],
    ['step', '-1e-5', /greater than 0; got -1e-5/],
    ['step', '1e-13', /^The step h must be from 1e-12 to 0\.1; got 1e-13: below 1e-12, rounding leaves mostly noise\.$/],
    ['step', '0.5', /from 1e-12 to 0\.1; got 0\.5: a step that large/],
    ['step', 'inf', /must be a finite number from 1e-12 to 0\.1; got Infinity/],
    ['step', 'nan', /must be a finite number .*got NaN/],
    ['step', '1e-5 1e-6', /must be a single number, such as 1e-5; got '1e-5 1e-6'/],
    ['eps', '-1e-5', /^Epsilon \(ε\) must be a finite number ≥ 0; got -1e-5\.$/],
    ['eps', 'inf', /finite number ≥ 0; got Infinity/],
    ['eps', '', /^Enter a value for epsilon \(ε\), such as 1e-5\.$/],
  ];

  it.each(bad)('rejects %s = %j with a message for that box only', (field, text, message) => {
    const result = parse({ [field]: text });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors)).toEqual([field]);
    expect(result.errors[field]).toMatch(message);
  });

  it('reports every bad box at once', () => {
    const result = parse({ batch: '1', features: 'x', seed: '-1', step: '0', eps: '-1' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['batch', 'eps', 'features', 'seed', 'step']);
  });
});

describe('nextSeed', () => {
  it('counts up and wraps around after the largest seed', () => {
    expect(nextSeed(1)).toBe(2);
    expect(nextSeed(LIMITS.seed.max)).toBe(0);
  });
});
