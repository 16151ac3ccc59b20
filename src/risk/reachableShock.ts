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

/** Stakes summed on one grid (a bitset of its steps) and the few others, whose subsets are enumerated on top. */
interface Split {
  readonly on: Item[];
  readonly off: Item[];
}

/** Grid steps of one bitset over every stake from which a coarser grid with a few stakes apart is also considered. */
const coarseStepsMin = 1 << 16;

/**
 * The shock budget of R_ψ lowered to the largest subset sum of the operators' stakes that fits it, exactly:
 * every shock D has σ(D) among those sums, so the budget row σ(D) ≤ budget admits the same shocks and its LP
 * bound sits on an attainable value. Without it a slash that puts a stake off the common grid (10 % of 2,358 ETH:
 * 2,122.2) leaves the budget between two attainable sums, and the branch and bound faces a subset-sum gap it
 * cannot close (500 × 50 seed 1: R_ψ unproven after 200 s). Stakes "on the grid" (multiples of their gcd g; which
 * ones: cheapestSplit) have their sums in a bitset over multiples of g; the few others (at most `offGridMax`) are
 * enumerated as subsets on top. The set attaining the result is rebuilt from prefix bitsets.
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
  const byDen: Split = { on: [], off: [] };
  const stakeUnits = networkUnits(ix).stake;
  for (const [v, st] of ix.stake.entries()) {
    const u = stakeUnits[v]!;
    if (u > 0n && u <= cap) (common % st.den === 0n ? byDen.on : byDen.off).push({ v, u });
  }
  const split = cheapestSplit(byDen, cap);
  if (split === null) return none;
  const { on, off } = split;
  // no stake on the grid: one bit (the empty sum)
  const g = on.reduce((a, i) => gcd(a, i.u), 0n) || cap + 1n;
  const stepsBig = cap / g; // rounds down: whole grid steps under the cap
  const steps = Number(stepsBig);
  const shifts = on.map((i) => Number(i.u / g)); // exact: g divides every on-grid stake
  // every `stride`-th prefix bitset is kept, the others recomputed one segment at a time when rebuilding the shock
  const stride = Math.max(1, Math.ceil(Math.sqrt(shifts.length)));
  const keepLayers = (Math.ceil(shifts.length / stride) + stride) * (steps + 1) <= reachableLayerBitsMax;
  const checkpoints: Uint32Array[] = [];
  const reach = new Uint32Array((steps >> 5) + 1);
  reach[0] = 1;
  // once the cap itself is a sum (on the grid, and no off-grid stake could come closer) no further stake changes the
  // answer: the items after it are left out (2,000 × 100: the cap's step is reached after about 30 of 2,000 stakes)
  const capOnGrid = off.length === 0 || BigInt(steps) * g === cap;
  for (let k = 0; k < shifts.length; k++) {
    if (keepLayers && k % stride === 0) checkpoints.push(reach.slice());
    orShifted(reach, shifts[k]!);
    if (capOnGrid && bitAt(reach, steps)) {
      shifts.length = k + 1;
      break;
    }
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

/**
 * The cheapest way to enumerate the subset sums (null: none within `reachableBitsMax` and `offGridMax`): the stakes of
 * the most common denominator on their grid and the others apart (`byDen`); every stake on one grid; or, where that
 * grid is fine, the grid most stakes share with the few that leave it apart (`coarseSplit`). All are exact; they
 * differ in cost. Why the third: a slash by a fraction keeps the stake's denominator but leaves its old grid, and one
 * bitset over every stake then has the finer grid's steps: 2,000 × 100 seed 1, 2.5 million steps where the other
 * stakes share a grid of 50,000, about 0.5 CPU-s per R_ψ (forward pass and rebuild) where a warm analysis is 1–1.6 s.
 */
function cheapestSplit(byDen: Split, cap: bigint): Split | null {
  const all = [...byDen.on, ...byDen.off];
  const gAll = all.reduce((a, i) => gcd(a, i.u), 0n) || 1n;
  const candidates: Split[] = [byDen];
  // cap / gAll rounds down (truncation of non-negative bigints): the number of grid steps that fit in the cap
  if (cap / gAll < BigInt(reachableBitsMax)) candidates.push({ on: all, off: [] });
  if (cap / gAll >= BigInt(coarseStepsMin)) candidates.push(coarseSplit(all, gAll));
  let best: Split | null = null;
  let bestCost = 0n;
  for (const c of candidates) {
    const cost = splitCost(c, cap);
    if (cost !== null && (best === null || cost < bestCost)) [best, bestCost] = [c, cost];
  }
  return best;
}

/** Word operations of the forward pass and the off-grid subsets, or null when the split is out of bounds. */
function splitCost(c: Split, cap: bigint): bigint | null {
  if (c.off.length > offGridMax) return null;
  const g = c.on.reduce((a, i) => gcd(a, i.u), 0n);
  // rounds down: whole grid steps under the cap (no stake on the grid: one bit)
  const steps = g === 0n ? 0n : cap / g;
  if (steps >= BigInt(reachableBitsMax)) return null;
  // steps / 32n rounds down: whole 32-bit words, plus the partial one
  return BigInt(c.on.length) * (steps / 32n + 1n) + (1n << BigInt(c.off.length)) * BigInt(c.off.length + 1);
}

/**
 * The grid shared by most stakes: in units of gAll, the most frequent gcd of neighbouring stakes (two stakes on a grid
 * G have a multiple of G as gcd, most often G itself; a stake off it lowers only its own two pairs), and the stakes
 * that are not multiples of it apart. Ties go to the larger grid.
 */
function coarseSplit(all: readonly Item[], gAll: bigint): Split {
  const count = new Map<bigint, number>();
  for (let k = 1; k < all.length; k++) {
    const m = gcd(all[k - 1]!.u / gAll, all[k]!.u / gAll); // exact: gAll divides every stake
    count.set(m, (count.get(m) ?? 0) + 1);
  }
  let mode = 1n;
  let most = 0;
  for (const [m, n] of count) if (n > most || (n === most && m > mode)) [mode, most] = [m, n];
  const grid = gAll * mode;
  const split: Split = { on: [], off: [] };
  for (const i of all) (i.u % grid === 0n ? split.on : split.off).push(i);
  return split;
}
