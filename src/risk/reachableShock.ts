import { gcd, Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';

/** Grid steps (the gcd of the stakes) up to the budget above which the subset sums are not enumerated. */
export const reachableBitsMax = 1 << 22;
/** Bits of the prefix bitsets kept to rebuild the shock (operators × grid steps); above it only the floor. */
export const reachableLayerBitsMax = 1 << 27;

export interface ReachableShock {
  /** The largest total stake of an operator set that is ≤ the budget (exact), or the budget itself when the
   *  grid is too fine to enumerate (`exact` false). */
  readonly budget: Rational;
  /** An operator set whose stake is exactly `budget` (null: not rebuilt, or not enumerated). */
  readonly shock: number[] | null;
  readonly exact: boolean;
}

/**
 * The shock budget of R_ψ lowered to the largest subset sum of the operators' stakes that fits it, by an exact
 * bitset over the stake grid (multiples of the gcd of the stakes): every shock D has σ(D) among those sums, so
 * the budget row σ(D) ≤ budget admits exactly the same shocks, and its LP bound now sits on an attainable
 * value. Without it a slash that puts one stake off the common grid (10 % of 2,358 ETH: 2,122.2) leaves the
 * budget between two attainable sums and the branch and bound faces a subset-sum gap it cannot close
 * (500 × 50 seed 1: R_ψ unproven after 240 s). The set attaining it is rebuilt from the prefix bitsets.
 */
export function reachableShock(ix: IndexedNetwork, budget: Rational): ReachableShock {
  const lcd = Rational.of(ix.lcd);
  const g = ix.stake.reduce((a, st) => (st.sign() > 0 ? gcd(a, st.mul(lcd).toBigInt('down')) : a), 0n);
  if (g === 0n || budget.sign() < 0) return { budget, shock: null, exact: false };
  const steps = budget.mul(lcd).div(Rational.of(g)).toBigInt('down');
  if (steps >= BigInt(reachableBitsMax)) return { budget, shock: null, exact: false };
  const items: { v: number; u: bigint }[] = [];
  for (const [v, st] of ix.stake.entries()) {
    const u = st.mul(lcd).toBigInt('down') / g;
    if (u > 0n && u <= steps) items.push({ v, u });
  }
  const keepLayers = items.length * Number(steps + 1n) <= reachableLayerBitsMax;
  const mask = (1n << (steps + 1n)) - 1n;
  const layers: bigint[] = [];
  let reach = 1n;
  for (const { u } of items) {
    if (keepLayers) layers.push(reach);
    reach = (reach | (reach << u)) & mask;
  }
  const top = BigInt(reach.toString(2).length - 1);
  const value = Rational.of(top * g, ix.lcd);
  if (!keepLayers) return { budget: value, shock: null, exact: true };
  // backwards: item k is needed when the sum is not reachable without it
  const shock: number[] = [];
  let t = top;
  for (let k = items.length - 1; k >= 0; k--) {
    if ((layers[k]! >> t) & 1n) continue;
    shock.push(items[k]!.v);
    t -= items[k]!.u;
  }
  if (t !== 0n) throw new Error('assertion failed: subset sum not rebuilt');
  return { budget: value, shock: shock.sort((a, b) => a - b), exact: true };
}
