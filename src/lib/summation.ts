/**
 * Summation in the order NumPy uses, so that our means and variances agree with NumPy's to the
 * last bit. Reducing a C-ordered (m, n) array over axis 0 adds the rows one after another
 * (`sum[j] += x[i][j]`) when n > 1, but when n = 1 the column is contiguous and NumPy switches to
 * its pairwise summation, reproduced here.
 */

/** NumPy's pairwise sum of `n` values of `a`, read from `offset` with `stride` (numpy/_core/src/umath/loops_utils.h.src). */
export function pairwiseSum(a: Float64Array, n: number, offset = 0, stride = 1): number {
  if (n < 8) {
    let sum = -0;
    for (let i = 0; i < n; i++) sum += a[offset + i * stride];
    return sum;
  }
  if (n <= 128) {
    const r = new Float64Array(8);
    for (let k = 0; k < 8; k++) r[k] = a[offset + k * stride];
    const blocks = n - (n % 8);
    for (let i = 8; i < blocks; i += 8) {
      for (let k = 0; k < 8; k++) r[k] += a[offset + (i + k) * stride];
    }
    // prettier-ignore
    let sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for (let i = blocks; i < n; i++) sum += a[offset + i * stride];
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(a, half, offset, stride) + pairwiseSum(a, n - half, offset + half * stride, stride);
}
