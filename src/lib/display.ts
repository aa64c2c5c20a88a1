/** Number formatting for tables that people read (not NumPy's print format). */

/** `x` with `digits` significant digits, in exponent form when very small or large: 0.999999722, -4.44e-17. */
export function significant(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return '0';
  const magnitude = Math.abs(x);
  if (magnitude < 1e-4 || magnitude >= 10 ** digits) return x.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return Number(x.toPrecision(digits)).toString();
}
