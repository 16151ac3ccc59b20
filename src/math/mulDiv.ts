import type { Rounding } from './rounding.js';

/**
 * `a * b / d` on non-negative bigints with an explicit rounding direction.
 * Programmer errors (negative input, zero divisor) throw: callers validate user input first.
 */
export function mulDiv(a: bigint, b: bigint, d: bigint, rounding: Rounding): bigint {
  if (a < 0n || b < 0n) throw new RangeError(`mulDiv: negative operand (${a}, ${b})`);
  if (d <= 0n) throw new RangeError(`mulDiv: divisor must be positive (${d})`);
  const product = a * b;
  const quotient = product / d;
  if (rounding === 'up' && quotient * d !== product) return quotient + 1n;
  return quotient;
}

/** `n / d` for non-negative n and positive d, rounded as named. */
export function divRound(n: bigint, d: bigint, rounding: Rounding): bigint {
  return mulDiv(n, 1n, d, rounding);
}
