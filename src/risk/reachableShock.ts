import { gcd, Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { networkUnits } from './networkUnits.js';

/** Grid steps (the gcd of the on-grid stakes) up to the budget above which the subset sums are not enumerated. */
export const reachableBitsMax = 1 << 22;
/** Bits of the prefix bitsets kept to rebuild the shock (checkpoints and one segment's layers, each of grid steps
 *  bits: about 2·√operators of them); above it only the floor. 2^29 bits = 64 MiB: with `reachableBitsMax` steps,
 *  up to 4,096 operators. */
export const reachableLayerBitsMax = 1 << 29;
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
  const stakeUnits = networkUnits(ix).stake;
  for (const [v, st] of ix.stake.entries()) {
    const u = stakeUnits[v]!;
    if (u > 0n && u <= cap) (common % st.den === 0n ? on : off).push({ v, u });
  }
  // every stake on one grid when that grid is coarse enough (after many slashes, say)
  const gAll = [...on, ...off].reduce((a, i) => gcd(a, i.u), 0n) || 1n;
  // cap / gAll rounds down (truncation of non-negative bigints): the number of grid steps that fit in the cap
  if (cap / gAll < BigInt(reachableBitsMax)) [on, off] = [[...on, ...off], []];
  if (off.length > offGridMax) return none;
  // no stake on the grid: one bit (the empty sum)
  const g = on.reduce((a, i) => gcd(a, i.u), 0n) || cap + 1n;
  const stepsBig = cap / g; // rounds down: whole grid steps under the cap
  if (stepsBig >= BigInt(reachableBitsMax)) return none;
  const steps = Number(stepsBig);
  const shifts = on.map((i) => Number(i.u / g)); // exact: g divides every on-grid stake
  // every `stride`-th prefix bitset is kept, the others recomputed one segment at a time when rebuilding the shock
  const stride = Math.max(1, Math.ceil(Math.sqrt(shifts.length)));
  const keepLayers = (Math.ceil(shifts.length / stride) + stride) * (steps + 1) <= reachableLayerBitsMax;
  const checkpoints: Uint32Array[] = [];
  const reach = new Uint32Array((steps >> 5) + 1);
  reach[0] = 1;
  for (const [k, s] of shifts.entries()) {
    if (keepLayers && k % stride === 0) checkpoints.push(reach.slice());
    orShifted(reach, s);
  }
  let best: { value: bigint; off: number; at: number } | null = null;
  for (let m = 0; m < 1 << off.length; m++) {
    let sum = 0n;
    for (let k = 0; k < off.length; k++) if (m & (1 << k)) sum += off[k]!.u;
    if (sum > cap) continue;
    // rounds down: the highest grid step whose sum still fits under the cap
    const at = highestAtMost(reach, Number((cap - sum) / g));
    const value = sum + BigInt(at) * g;
    if (best === null || value > best.value) best = { value, off: m, at };
  }
  const b = best!;
  const value = Rational.of(b.value, ix.lcd);
  if (!keepLayers) return { budget: value, shock: null, exact: true };
  const shock = off.filter((_, k) => b.off & (1 << k)).map((i) => i.v);
  for (const k of rebuild(shifts, checkpoints, stride, b.at)) shock.push(on[k]!.v);
  return { budget: value, shock: shock.sort((x, y) => x - y), exact: true };
}

/**
 * The items (indices into `shifts`) of a subset summing to `at` grid steps: backwards, item k is needed when the sum
 * is not reachable without it, read from the prefix bitset before k; each segment of `stride` prefixes is recomputed
 * from its checkpoint (the whole forward pass once more, with about 2·√n bitsets in memory instead of n).
 */
function rebuild(shifts: readonly number[], checkpoints: readonly Uint32Array[], stride: number, at: number): number[] {
  const items: number[] = [];
  let t = at;
  // one segment's prefix bitsets, allocated once and overwritten per segment
  const words = checkpoints[0]?.length ?? 0;
  const layers = Array.from({ length: words > 0 ? stride : 0 }, () => new Uint32Array(words));
  for (let seg = checkpoints.length - 1; seg >= 0; seg--) {
    const first = seg * stride;
    const end = Math.min(first + stride, shifts.length);
    layers[0]!.set(checkpoints[seg]!);
    for (let k = first + 1; k < end; k++) {
      const next = layers[k - first]!;
      next.set(layers[k - first - 1]!);
      orShifted(next, shifts[k - 1]!);
    }
    for (let k = end - 1; k >= first; k--) {
      if (bitAt(layers[k - first]!, t)) continue;
      items.push(k);
      t -= shifts[k]!;
    }
  }
  if (t !== 0) throw new Error('assertion failed: subset sum not rebuilt');
  return items;
}

/**
 * reach |= reach << s, in place: the subset sums with one more item. Words of 32 bits, from the top down, so each word
 * reads only lower words not yet updated; sums past the last word fall off, and those above the cap in the last word
 * are never read (highestAtMost and the rebuild look at most at the cap's step). Why not one bigint: its shift, or
 * and mask allocate three copies per item; 488 stakes over 2.5 million grid steps (500 × 50 seed 3 after one slash,
 * R_ψ at 1 %) took 1.8 s that way, cold and warm alike, and 65 ms this way.
 */
function orShifted(reach: Uint32Array, s: number): void {
  const q = s >> 5;
  const r = s & 31;
  for (let i = reach.length - 1; i >= q; i--) {
    const lo = reach[i - q]!;
    const below = i - q - 1 >= 0 ? reach[i - q - 1]! : 0;
    reach[i] = reach[i]! | (r === 0 ? lo : (lo << r) | (below >>> (32 - r)));
  }
}

function bitAt(bits: Uint32Array, t: number): boolean {
  return ((bits[t >> 5]! >>> (t & 31)) & 1) === 1;
}

/** The highest set bit of `bits` at position ≤ m (bit 0, the empty sum, is always set). */
function highestAtMost(bits: Uint32Array, m: number): number {
  let w = m >> 5;
  // the word holding m, without its bits above m
  let word = bits[w]! & (0xffffffff >>> (31 - (m & 31)));
  while (word === 0) word = bits[--w]!;
  return w * 32 + 31 - Math.clz32(word);
}
