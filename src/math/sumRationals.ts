import { gcd, Rational } from './rational.js';

/**
 * Σ xs, exact, normalised once. Adding term by term normalises every partial sum (a big-number gcd per term);
 * here the numerators are brought to a common denominator L (kept as the lcm of the denominators seen, so a
 * term whose denominator divides L costs one remainder, no gcd) and added as integers. Amounts derived from one
 * ledger share a few denominators, so a sum of thousands of terms costs a handful of gcds.
 */
export function sumRationals(xs: Iterable<Rational>): Rational {
  let den = 1n;
  let num = 0n;
  for (const x of xs) {
    if (x.num === 0n) continue;
    if (den % x.den !== 0n) {
      const scale = x.den / gcd(den, x.den); // L' = lcm(L, d) = L·scale
      num *= scale;
      den *= scale;
    }
    num += x.num * (den / x.den);
  }
  return Rational.of(num, den);
}
