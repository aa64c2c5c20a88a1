/** The logistic sigmoid and its derivative, for showing where it saturates. */

/** g(x) = 1 / (1 + e^(−x)), computed without overflow for large |x|. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** g′(x) = g(x) (1 − g(x)): at most 1/4, at x = 0. */
export function sigmoidDerivative(x: number): number {
  const g = sigmoid(x);
  return g * (1 - g);
}

/**
 * The x > 0 beyond which g′(x) < `slope`: the sigmoid is saturated there, and passes back less
 * than `slope` times the gradient it receives. Requires 0 < slope < 1/4.
 */
export function saturationPoint(slope: number): number {
  if (!(slope > 0 && slope < 0.25)) throw new RangeError(`The slope must lie strictly between 0 and 1/4; got ${slope}.`);
  // g (1 − g) = slope has the root g = (1 + √(1 − 4·slope)) / 2 above 1/2, and x = ln(g / (1 − g)).
  const root = Math.sqrt(1 - 4 * slope);
  return Math.log((1 + root) / (1 - root));
}
