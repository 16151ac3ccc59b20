import type { Rational } from '../math/rational.js';

/** Most fractional digits printed for a terminating decimal before falling back to "p/q". */
const decimalDigitsMax = 40;
/** Longest "p/q" printed; longer fractions are printed as decimals with `significantDigits` digits. */
const ratioCharsMax = 48;
const significantDigits = 24;

/**
 * Text of a rational for machine output (SPEC §5): an exact decimal string when the value terminates
 * within 40 fractional digits, else exact "p/q" when that is short (≤ 48 characters), else a decimal
 * string with 24 significant digits (truncated toward zero). Verdicts never depend on this text.
 */
export function exactString(r: Rational): string {
  const exact = terminatingOrRatio(r);
  if (exact.length <= ratioCharsMax || !exact.includes('/')) return exact;
  const abs = r.num < 0n ? -r.num : r.num;
  const lead = Math.max(0, r.den.toString().length - abs.toString().length + 1);
  return r.toDecimal(significantDigits + lead);
}

function terminatingOrRatio(r: Rational): string {
  let d = r.den;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) [d, twos] = [d / 2n, twos + 1];
  while (d % 5n === 0n) [d, fives] = [d / 5n, fives + 1];
  const digits = Math.max(twos, fives);
  if (d !== 1n || digits > decimalDigitsMax) return r.toString();
  return r.toDecimal(digits);
}

/** Display approximation with `sig` significant digits (human report only, never a verdict). */
export function approx(r: Rational, sig = 6): string {
  const x = r.toNumber();
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e15 || a < 1e-6) return x.toExponential(sig - 1);
  return Number(x.toPrecision(sig)).toLocaleString('en-US', { maximumFractionDigits: 12 });
}
