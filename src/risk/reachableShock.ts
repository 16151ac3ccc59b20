import { gcd, Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';

/** Grid steps (the gcd of the on-grid stakes) up to the budget above which the subset sums are not enumerated. */
export const reachableBitsMax = 1 << 22;
/** Bits of the prefix bitsets kept to rebuild the shock (operators × grid steps); above it only the floor. */
export const reachableLayerBitsMax = 1 << 27;
/** Stakes off the common grid (e.g. just slashed by a fraction) whose subsets are enumerated: 2^this at most. */
export const offGridMax = 12;

export interface ReachableShock {
  /** The largest total stake of an operator set that is ≤ the budget (exact), or the budget itself when the
   *  grid is too fine to enumerate (`exact` false). */
  readonly budget: Rational;
  /** An operator set whose stake is exactly `budget` (null: not rebuilt, or not enumerated). */
  readonly shock: number[] | null;
  readonly exact: boolean;
}

interface Item {
  readonly v: number;
  /** Stake in 1/lcd units. */
  readonly u: bigint;
}

/**
 * The shock budget of R_ψ lowered to the largest subset sum of the operators' stakes that fits it, exactly:
 * every shock D has σ(D) among those sums, so the budget row σ(D) ≤ budget admits the same shocks and its LP
 * bound sits on an attainable value. Without it a slash that puts a stake off the common grid (10 % of 2,358 ETH:
 * 2,122.2) leaves the budget between two attainable sums, and the branch and bound faces a subset-sum gap it
 * cannot close (500 × 50 seed 1: R_ψ unproven after 200 s). Stakes sharing the most common denominator are
 * "on the grid" (multiples of their gcd g): their sums are a bitset over multiples of g; the few others (at most
 * `offGridMax`) are enumerated as subsets on top. The set attaining the result is rebuilt from prefix bitsets.
 */
export function reachableShock(ix: IndexedNetwork, budget: Rational): ReachableShock {
  const none = { budget, shock: null, exact: false };
  const lcd = Rational.of(ix.lcd);
  const cap = budget.mul(lcd).toBigInt('down');
  if (cap < 0n) return none;
  const dens = new Map<bigint, number>();
  for (const st of ix.stake) if (st.sign() > 0) dens.set(st.den, (dens.get(st.den) ?? 0) + 1);
  const common = [...dens].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (common === undefined) return { budget: Rational.ZERO, shock: [], exact: true };
  let on: Item[] = [];
  let off: Item[] = [];
  for (const [v, st] of ix.stake.entries()) {
    const u = st.mul(lcd).toBigInt('down');
    if (u > 0n && u <= cap) (common % st.den === 0n ? on : off).push({ v, u });
  }
  // every stake on one grid when that grid is coarse enough (after many slashes, say)
  const gAll = [...on, ...off].reduce((a, i) => gcd(a, i.u), 0n) || 1n;
  // cap / gAll rounds down (truncation of non-negative bigints): the number of grid steps that fit in the cap
  if (cap / gAll < BigInt(reachableBitsMax)) [on, off] = [[...on, ...off], []];
  if (off.length > offGridMax) return none;
  // no stake on the grid: one bit (the empty sum)
  const g = on.reduce((a, i) => gcd(a, i.u), 0n) || cap + 1n;
  const steps = cap / g; // rounds down: whole grid steps under the cap
  if (steps >= BigInt(reachableBitsMax)) return none;
  const keepLayers = on.length * Number(steps + 1n) <= reachableLayerBitsMax;
  const mask = (1n << (steps + 1n)) - 1n;
  const layers: bigint[] = [];
  let reach = 1n;
  for (const { u } of on) {
    if (keepLayers) layers.push(reach);
    reach = (reach | (reach << (u / g))) & mask; // u / g exact: g divides every on-grid stake
  }
  let best: { value: bigint; off: number; at: bigint } | null = null;
  for (let m = 0; m < 1 << off.length; m++) {
    let sum = 0n;
    for (let k = 0; k < off.length; k++) if (m & (1 << k)) sum += off[k]!.u;
    if (sum > cap) continue;
    // rounds down: the highest grid step whose sum still fits under the cap
    const at = highestAtMost(reach, (cap - sum) / g);
    const value = sum + at * g;
    if (best === null || value > best.value) best = { value, off: m, at };
  }
  const b = best!;
  const value = Rational.of(b.value, ix.lcd);
  if (!keepLayers) return { budget: value, shock: null, exact: true };
  const shock = off.filter((_, k) => b.off & (1 << k)).map((i) => i.v);
  // backwards: on-grid item k is needed when the sum is not reachable without it
  let t = b.at;
  for (let k = on.length - 1; k >= 0; k--) {
    if ((layers[k]! >> t) & 1n) continue;
    shock.push(on[k]!.v);
    t -= on[k]!.u / g; // exact: g divides u
  }
  if (t !== 0n) throw new Error('assertion failed: subset sum not rebuilt');
  return { budget: value, shock: shock.sort((x, y) => x - y), exact: true };
}

/** The highest set bit of `bits` at position ≤ m (bit 0, the empty sum, is always set). */
function highestAtMost(bits: bigint, m: bigint): bigint {
  return BigInt((bits & ((1n << (m + 1n)) - 1n)).toString(2).length - 1);
}
