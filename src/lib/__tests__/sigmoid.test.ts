import { describe, expect, it } from 'vitest';
import { saturationPoint, sigmoid, sigmoidDerivative } from '../sigmoid.ts';

describe('sigmoid', () => {
  it('is 1/2 at 0, symmetric, and finite far out', () => {
    expect(sigmoid(0)).toBe(0.5);
    for (const x of [0.3, 2, 7.5]) expect(sigmoid(x) + sigmoid(-x)).toBeCloseTo(1, 15);
    expect(sigmoid(800)).toBe(1);
    expect(sigmoid(-800)).toBe(0);
  });

  it('has derivative g(1 − g), largest (1/4) at 0, matching a central difference', () => {
    expect(sigmoidDerivative(0)).toBe(0.25);
    for (const x of [-3, -0.5, 1, 4]) {
      const h = 1e-5;
      expect(sigmoidDerivative(x)).toBeCloseTo((sigmoid(x + h) - sigmoid(x - h)) / (2 * h), 9);
      expect(sigmoidDerivative(x)).toBeLessThan(0.25);
    }
  });
});

describe('saturationPoint', () => {
  it('is where the derivative falls to the given slope', () => {
    for (const slope of [0.01, 0.1, 0.2]) {
      const x = saturationPoint(slope);
      expect(sigmoidDerivative(x)).toBeCloseTo(slope, 14);
      expect(sigmoidDerivative(-x)).toBeCloseTo(slope, 14);
      expect(sigmoidDerivative(x * 1.01)).toBeLessThan(slope);
    }
    expect(saturationPoint(0.01)).toBeCloseTo(4.58486, 5);
  });

  it('rejects slopes the sigmoid never has', () => {
    for (const slope of [0, 0.25, 0.3, -1, Number.NaN]) expect(() => saturationPoint(slope)).toThrow(RangeError);
  });
});
