import { describe, expect, it } from 'vitest';
import {
  BINS,
  DOMAIN,
  EPSILON,
  EXAMPLES,
  HIDDEN_UNITS,
  INPUT_FEATURES,
  LIMITS,
  checkSetting,
  covariateShiftDemo,
  createModel,
  getModel,
  nextLayerInputs,
  parseSetting,
  sigmoid,
  snapshot,
  tailCount,
  type LayerSetting,
} from '../covariate-shift.ts';
import { InputError } from '../parse-input.ts';

/** A grid over the sliders' whole range, ends included. */
function grid(): LayerSetting[] {
  const settings: LayerSetting[] = [];
  for (const a of [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 4, 5]) for (const b of [-5, -4, -2.5, -1, 0, 0.5, 2, 3.3, 5]) settings.push({ a, b });
  return settings;
}

describe('the model', () => {
  it('is seeded: the same seed gives the same inputs and weights, another seed others', () => {
    expect(createModel(1)).toEqual(createModel(1));
    expect(createModel(2).w2).not.toEqual(createModel(1).w2);
    expect(getModel()).toBe(getModel());
    const m = getModel();
    expect(m.inputs).toHaveLength(EXAMPLES * INPUT_FEATURES);
    expect(m.w1).toHaveLength(HIDDEN_UNITS * INPUT_FEATURES);
    expect(m.w2).toHaveLength(HIDDEN_UNITS);
    expect(m.preActivations).toHaveLength(EXAMPLES * HIDDEN_UNITS);
  });

  it('computes x = w₂·sigmoid(a·W₁u + b) + c, as written out by hand', () => {
    const m = getModel();
    const setting = { a: 2.5, b: -1.3 };
    const x = nextLayerInputs(setting);
    for (const i of [0, 1, 255, EXAMPLES - 1]) {
      let expected = -0.5 * m.w2.reduce((s, w) => s + w, 0);
      for (let j = 0; j < HIDDEN_UNITS; j++) {
        let z = 0;
        for (let k = 0; k < INPUT_FEATURES; k++) z += m.w1[j * INPUT_FEATURES + k] * m.inputs[i * INPUT_FEATURES + k];
        expected += m.w2[j] / (1 + Math.exp(-(setting.a * z + setting.b)));
      }
      expect(x[i]).toBeCloseTo(expected, 12);
    }
  });

  it('has a stable sigmoid: no overflow, symmetric, ½ at 0', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
    for (const t of [0.1, 1, 4, 30]) expect(sigmoid(t) + sigmoid(-t)).toBeCloseTo(1, 15);
    expect(sigmoid(-40)).toBeGreaterThan(0);
  });
});

describe('the distribution of x', () => {
  const reference = snapshot({ a: 1, b: 0 });

  it('is unremarkable at a = 1, b = 0: centred near 0, spread about 1, nothing in the flat tails', () => {
    expect(Math.abs(reference.without.summary.mean)).toBeLessThan(0.1);
    expect(reference.without.summary.std).toBeGreaterThan(0.8);
    expect(reference.without.summary.std).toBeLessThan(1.3);
    expect(reference.without.tail).toBe(0);
  });

  it('moves with b, spreads with a large a and squeezes with a small one', () => {
    const up = snapshot({ a: 1, b: 3 }).without;
    const down = snapshot({ a: 1, b: -3 }).without;
    expect(up.summary.mean).toBeGreaterThan(5);
    expect(down.summary.mean).toBeLessThan(-5);
    expect(up.tail / EXAMPLES).toBeGreaterThan(0.9);
    const wide = snapshot({ a: 5, b: 0 }).without;
    expect(wide.summary.std).toBeGreaterThan(1.5 * reference.without.summary.std);
    expect(wide.tail).toBeGreaterThan(0);
    const narrow = snapshot({ a: 0.1, b: 0 }).without;
    expect(narrow.summary.std).toBeLessThan(reference.without.summary.std / 5);
    // Saturation: b = 5 squeezes x too, since most h sit near 1.
    expect(snapshot({ a: 1, b: 5 }).without.summary.std).toBeLessThan(reference.without.summary.std / 5);
  });

  it('stays inside the fixed axis at every setting, so the edge bins hold only what is in them', () => {
    for (const setting of grid()) {
      const { without, with: normalized } = snapshot(setting);
      for (const d of [without, normalized]) {
        expect(d.summary.min).toBeGreaterThan(DOMAIN[0]);
        expect(d.summary.max).toBeLessThan(DOMAIN[1]);
        expect(d.histogram.counts).toHaveLength(BINS);
        expect(d.histogram.total).toBe(EXAMPLES);
      }
    }
  });
});

describe('with Batch Normalization', () => {
  it('has mean 0 and standard deviation √(var / (var + ε)) at every setting: 1 unless var is as small as ε', () => {
    for (const setting of grid()) {
      const { without, with: normalized } = snapshot(setting);
      const { variance } = without.summary;
      expect(Math.abs(normalized.summary.mean), JSON.stringify(setting)).toBeLessThan(1e-12);
      expect(normalized.summary.std).toBeCloseTo(Math.sqrt(variance / (variance + EPSILON)), 12);
      if (variance > 1e-2) expect(Math.abs(normalized.summary.std - 1)).toBeLessThan(1e-3);
    }
    // The one corner where ε shows: a tiny scale and a large shift squeeze x to a spread of about ε.
    const squeezed = snapshot({ a: 0.1, b: 5 });
    expect(squeezed.without.summary.variance).toBeLessThan(1e-4);
    expect(squeezed.with.summary.std).toBeLessThan(0.9);
  });

  it('keeps at most 1 value in 16 in the flat tails (Chebyshev), where x without it can have them all', () => {
    let worst = 0;
    for (const setting of grid()) worst = Math.max(worst, snapshot(setting).with.tail);
    expect(worst).toBeLessThanOrEqual(EXAMPLES / 16);
    expect(snapshot({ a: 1, b: -5 }).without.tail).toBe(EXAMPLES);
  });

  it('changes shape even though mean and spread stay put', () => {
    const a = snapshot({ a: 1, b: 0 }).with.histogram.counts;
    const b = snapshot({ a: 5, b: 3 }).with.histogram.counts;
    expect(b).not.toEqual(a);
  });
});

describe('covariateShiftDemo', () => {
  it('gives the current setting and the reference at a = 1, b = 0, sharing bins', () => {
    const demo = covariateShiftDemo({ a: 2, b: 1 });
    expect(demo.current.setting).toEqual({ a: 2, b: 1 });
    expect(demo.reference.setting).toEqual({ a: 1, b: 0 });
    expect(demo.current.without.histogram.edges).toEqual(demo.reference.without.histogram.edges);
    expect(covariateShiftDemo({ a: 1, b: 0 }).current).toEqual(demo.reference);
  });

  it('rejects settings out of range or not finite', () => {
    for (const bad of [{ a: 0, b: 0 }, { a: 5.01, b: 0 }, { a: 1, b: -5.1 }, { a: Number.NaN, b: 0 }, { a: 1, b: Infinity }]) {
      expect(() => checkSetting(bad)).toThrow(RangeError);
      expect(() => covariateShiftDemo(bad)).toThrow(RangeError);
    }
    expect(() => checkSetting({ a: LIMITS.a.min, b: LIMITS.b.max })).not.toThrow();
  });
});

describe('tailCount', () => {
  it('counts |x| > 4, not at 4', () => {
    expect(tailCount([4, -4, 4.0001, -5, 0, Number.NaN])).toBe(2);
  });
});

describe('parseSetting', () => {
  it('reads numbers in range, with a true minus sign or an exponent', () => {
    expect(parseSetting('a', '2.5')).toBe(2.5);
    expect(parseSetting('a', ' 0.1 ')).toBe(0.1);
    expect(parseSetting('a', '5e0')).toBe(5);
    expect(parseSetting('b', '−2')).toBe(-2);
    expect(parseSetting('b', '-5')).toBe(-5);
    expect(Object.is(parseSetting('b', '-0'), 0)).toBe(true);
  });

  const bad: [name: 'a' | 'b', text: string, message: string][] = [
    ['a', '', 'Enter a value for the scale a, such as 1.'],
    ['a', '   ', 'Enter a value for the scale a, such as 1.'],
    ['a', 'big', "The scale a must be a single number, such as 1; got 'big'."],
    ['a', '1,5', "The scale a must be a single number, such as 1; got '1,5'."],
    ['a', 'nan', "The scale a must be a number from 0.1 to 5; got 'nan', which is not a number."],
    ['a', 'inf', "The scale a must be a finite number from 0.1 to 5; got 'inf'."],
    ['a', '0', 'The scale a must be from 0.1 to 5; got 0, which is below 0.1, the end of the slider.'],
    ['a', '7', 'The scale a must be from 0.1 to 5; got 7, which is above 5, the end of the slider.'],
    ['b', '-6', 'The shift b must be from −5 to 5; got -6, which is below −5, the end of the slider.'],
    ['b', '1e3', 'The shift b must be from −5 to 5; got 1e3, which is above 5, the end of the slider.'],
    ['b', '-Infinity', "The shift b must be a finite number from −5 to 5; got '-Infinity'."],
    ['b', '2 3', "The shift b must be a single number, such as 0; got '2 3'."],
  ];
  for (const [name, text, message] of bad) {
    it(`rejects '${text}' for ${name}`, () => {
      expect(() => parseSetting(name, text)).toThrow(InputError);
      expect(() => parseSetting(name, text)).toThrow(message);
    });
  }
});
