import { gcd, Rational } from '../../math/rational.js';

/** Amounts off the common grid (e.g. one operator just slashed by k/1000) whose subsets are enumerated: 2^this at most. */
export const thresholdOffGridMax = 12;

/**
 * The least value ≥ `need` (a rational, in the same units as the amounts) that any subset sum of `amounts`
 * (integers, e.g. edge amounts in 1/lcd units) can take, or a lower bound on it. Amounts sharing the most
 * common denominator `dens` are "on the grid" (their sums are multiples of their gcd g); the few others (at
 * most `thresholdOffGridMax`) are enumerated as subsets S, each giving Σ_S + g·⌈(need − Σ_S)/g⌉ (or Σ_S itself
 * when it already reaches need). Every subset sum ≥ need is one of these candidates or above it, so the least
 * candidate is a valid threshold: "Σ corrupted ≥ need" and "Σ corrupted ≥ it" admit the same 0/1 points.
 *
 * Why: a slash by k/1000 puts one operator's amounts off the integer grid of the others (generated 60 × 10 seed 1,
 * operator-0046 × 997/1000): the plain gcd grid is then 1/lcd, the LP and the cover bound let a coalition reach a
 * threshold with no overshoot, while every real coalition overshoots it by the off-grid amount's fraction
 * (0.03 ETH there), and branching on edges never closes that gap (γ* unproven after 30 s, 5,000+ nodes).
 * Without off-grid amounts (or with too many) the result is the plain gcd-grid rounding.
 */
export function offGridThreshold(amounts: readonly bigint[], dens: readonly bigint[], need: Rational): bigint {
  const gAll = amounts.reduce((a, b) => gcd(a, b), 0n);
  if (gAll === 0n) return need.toBigInt('up');
  const plain = roundUpTo(need, 0n, gAll);
  const count = new Map<bigint, number>();
  for (const d of dens) count.set(d, (count.get(d) ?? 0) + 1);
  const common = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
  const on: bigint[] = [];
  const off: bigint[] = [];
  for (const [k, u] of amounts.entries()) (common % dens[k]! === 0n ? on : off).push(u);
  if (off.length === 0 || off.length > thresholdOffGridMax) return plain;
  const g = on.reduce((a, b) => gcd(a, b), 0n);
  let best: bigint | null = null;
  for (let m = 0; m < 1 << off.length; m++) {
    let sum = 0n;
    for (let k = 0; k < off.length; k++) if (m & (1 << k)) sum += off[k]!;
    // no on-grid amount (g = 0): the off-grid subset alone must reach need
    const value = need.lte(Rational.of(sum)) ? sum : g === 0n ? null : roundUpTo(need, sum, g);
    if (value !== null && (best === null || value < best)) best = value;
  }
  // no subset reaches need at all: nothing to lift to (the service cannot fall; the rows say so already)
  return best === null || best < plain ? plain : best;
}

/** The least base + k·g ≥ need over integers k ≥ 0 (need > base, or any need with base 0); g > 0. */
function roundUpTo(need: Rational, base: bigint, g: bigint): bigint {
  const gap = need.sub(Rational.of(base));
  if (gap.sign() <= 0) return base;
  // rounds up: the fewest whole grid steps that reach need
  return base + gap.div(Rational.of(g)).toBigInt('up') * g;
}
