import { Rational } from '../math/rational.js';
import { evaluateAttack, type AttackEvaluation } from './evaluateAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { gridThreshold } from './milp/attackProgram.js';
import { shuffle } from './shuffle.js';
import { createPrng, type Prng } from './prng.js';

/** Items per meet-in-the-middle (each half enumerates 2^(items/2) subset sums). */
export const polishItemsMax = 36;
/** Swap rounds per polish, and rounds in a row without improvement before it stops. */
const polishRoundsMax = 40;
const idleRoundsMax = 4;
/** Improving swaps tried (exactly) per round, best first. */
const candidatesMax = 8;
/** Out-items are drawn from this many times the item budget of the smallest operators outside. */
const outPoolFactor = 3;

/**
 * Fine-grid polishing of an attack made of whole operators (SPEC §5 costs): on networks where an operator's
 * cost is its allocation to a service s* (full restaking), the cost of an attack on a fixed set of fallen
 * services is bounded below by s*'s threshold, and the LP bound of the branch and bound sits exactly there.
 * Reaching it is a subset-sum problem on the grid of stakes (1e-6 for 6-decimal stakes): here a swap —
 * operators of the attack out, operators of s* in — whose signed cost change is the most negative one that
 * keeps s* falling is found by meet in the middle over up to `polishItemsMax` operators, and valued exactly.
 * Returns an attack with profit ≥ the given one (the same one when nothing better is found); only proposals
 * are float, every accepted attack is valued by `evaluateAttack`. Deterministic (seeded).
 */
export function polishAttack(ix: IndexedNetwork, start: AttackEvaluation, scale: Rational, deadline: number, seed = 1): AttackEvaluation {
  if (start.fallen.length === 0) return start;
  const ctx = polishContext(ix);
  const prng = createPrng(seed);
  let cur = wholeOperators(ix, start, scale);
  let idle = 0;
  for (let round = 0; round < polishRoundsMax && idle < idleRoundsMax && Date.now() < deadline; round++) {
    const next = swapRound(ix, ctx, cur, scale, prng, round);
    if (next && next.attack.profit.gt(cur.attack.profit)) [cur, idle] = [next, 0];
    else idle++;
  }
  return cur;
}

/** Thresholds of at least this many grid units (1/lcd) make a grid fine: see `fineGrid`. */
export const fineGridUnitsMin = 2 ** 32;

/**
 * Some threshold α_s·W_s spans at least `fineGridUnitsMin` units of the amounts' grid (the bundled network, 10⁻⁶ ETH:
 * 2.4·10¹²; after a k/1000 slash, 10¹⁵; generated networks, whole ETH: ≤ 3·10⁶). On such a grid an LP bound at a
 * threshold's exact top-up is met only by a subset sum that hits it, which branching rarely meets and the polishes
 * (polishRatio, polishBelow) look for; on coarse grids they found nothing and cost 0.3–2.5 s of a 1–10 s γ* at 500 × 50.
 */
export function fineGrid(ix: IndexedNetwork): boolean {
  const lcd = Rational.of(ix.lcd);
  const min = Rational.of(BigInt(fineGridUnitsMin));
  return ix.weight.some((w, s) => w.mul(ix.alpha[s]!).mul(lcd).gte(min));
}

/** Draws of swap items (seeds) tried by `polishSeeds`; each new best attack of a tree gets fewer (`treeSeedsMax`):
 *  16 there cost the bundled network's best attack 0.9 s (0.55 → 1.49 s) and proved nothing more. */
export const polishSeedsMax = 16;
export const treeSeedsMax = 4;

/**
 * `polishAttack` with seeds 1, 2, …, each from the best attack so far, until `enough` holds for it (checked from seed 2 on), the deadline or
 * `seedsMax`: each seed draws other swap items, and one draw stops after a few idle rounds (bundled network
 * after four commands: 1 of 3 seeds found the last 3·10⁻⁶ ETH over a threshold, each in < 0.1 s).
 */
export function polishSeeds(
  ix: IndexedNetwork,
  start: AttackEvaluation,
  scale: Rational,
  deadline: number,
  enough: (ev: AttackEvaluation) => boolean = (ev) => reachesThreshold(ix, ev),
  seedsMax = polishSeedsMax,
): AttackEvaluation {
  let cur = start;
  // the first seed always runs, as a single polishAttack did before (and `enough`, which values every fallen service's
  // grid threshold, is not paid for where only one seed is allowed)
  for (let seed = 1; seed <= seedsMax && Date.now() < deadline && (seed === 1 || !enough(cur)); seed++) {
    const next = polishAttack(ix, cur, scale, deadline, seed);
    if (next.attack.profit.gt(cur.attack.profit)) cur = next;
  }
  return cur;
}

/**
 * Some fallen service is covered exactly at its threshold (on its amounts' grid, gridThreshold): that is where the
 * LP's top-up sits, and gridPolish's swaps keep it covered, so they can only trade operators of equal cost there. On
 * the bundled network the polish of such a coalition found nothing in 16 seeds and cost 1.3 s of a 2.9 s γ*.
 */
export function reachesThreshold(ix: IndexedNetwork, ev: AttackEvaluation): boolean {
  const cover = new Map<number, Rational>();
  for (const e of ev.edges) {
    const { svc, amount } = ix.edges[e]!;
    cover.set(svc, (cover.get(svc) ?? Rational.ZERO).add(amount));
  }
  return ev.fallen.some((s) => (cover.get(s) ?? Rational.ZERO).eq(gridThreshold(ix, s)));
}

interface PolishContext {
  /** Cost of corrupting all of v's edges, in units of 1/lcd (float, exact below 2^53). */
  readonly cost: readonly number[];
  /** ⌈α_s·W_s·lcd⌉: the least covered amount (units) that makes s fall. */
  readonly need: readonly number[];
  /** v's allocation to s in units, by edge. */
  readonly amount: readonly number[];
}

/** Each network's context, built once: every polishAttack (each seed of polishSeeds, each rounding a tree polishes)
 *  rebuilt it, summing every operator's allocations in Rationals: 0.14 of the bundled network's 3.9 s cold analysis. */
const contexts = new WeakMap<IndexedNetwork, PolishContext>();

function polishContext(ix: IndexedNetwork): PolishContext {
  const known = contexts.get(ix);
  if (known) return known;
  const ctx = newPolishContext(ix);
  contexts.set(ix, ctx);
  return ctx;
}

function newPolishContext(ix: IndexedNetwork): PolishContext {
  const lcd = Rational.of(ix.lcd);
  // floats only propose swaps (rounded to nearest); every attack the polish keeps is valued exactly by evaluateAttack
  const units = (r: Rational): number => r.mul(lcd).toNumber();
  const allocated = ix.stake.map((_, v) => ix.edgesOfOp[v]!.reduce((a, e) => a.add(ix.edges[e]!.amount), Rational.ZERO));
  return {
    cost: ix.stake.map((st, v) => units(st.min(allocated[v]!))),
    need: ix.weight.map((w, s) => Number(w.mul(ix.alpha[s]!).mul(lcd).toBigInt('up'))),
    amount: ix.edges.map((e) => units(e.amount)),
  };
}

/** The attack's operators corrupting all their edges (edges to services that do not fall dropped), if not worse. */
function wholeOperators(ix: IndexedNetwork, ev: AttackEvaluation, scale: Rational): AttackEvaluation {
  const whole = evaluateWith(ix, new Set(ev.edges.map((e) => ix.edges[e]!.op)), scale);
  return whole.fallen.length > 0 && whole.attack.profit.gte(ev.attack.profit) ? whole : ev;
}

function evaluateWith(ix: IndexedNetwork, ops: ReadonlySet<number>, scale: Rational): AttackEvaluation {
  const corrupted = new Set<number>();
  for (const v of ops) for (const e of ix.edgesOfOp[v]!) corrupted.add(e);
  return evaluateAttack(ix, corrupted, new Set(), scale, true);
}

/** One meet-in-the-middle swap on one service s*: the best few swaps that keep s* falling, valued exactly. */
function swapRound(
  ix: IndexedNetwork,
  ctx: PolishContext,
  cur: AttackEvaluation,
  scale: Rational,
  prng: Prng,
  round: number,
): AttackEvaluation | null {
  const ops = new Set(cur.edges.map((e) => ix.edges[e]!.op));
  const cov = ix.svcIds.map(() => 0);
  for (const e of cur.edges) cov[ix.edges[e]!.svc]! += ctx.amount[e]!;
  const over = (s: number): number => cov[s]! - ctx.need[s]!;
  // even rounds: the service whose threshold bounds the cost (where the LP bound sits); odd: the tightest one
  const pick = (better: (a: number, b: number) => boolean): number => cur.fallen.reduce((a, b) => (better(b, a) ? b : a));
  const s = round % 2 === 0 ? pick((a, b) => ctx.need[a]! > ctx.need[b]!) : pick((a, b) => over(a) < over(b));
  const slack = over(s);
  if (!(slack > 0)) return null;
  const items = swapItems(ix, ctx, s, ops, cur.fallen, over, prng);
  if (items.length === 0) return null;
  const best = bestSwaps(
    items.map((i) => i.weight),
    -slack,
  );
  let out: AttackEvaluation | null = null;
  for (const chosen of best) {
    const next = new Set(ops);
    for (const k of chosen) {
      const it = items[k]!;
      if (it.weight < 0) next.delete(it.op);
      else next.add(it.op);
    }
    const ev = evaluateWith(ix, next, scale);
    if (ev.fallen.length > 0 && ev.attack.profit.gt((out ?? cur).attack.profit)) out = ev;
  }
  return out;
}

interface SwapItem {
  readonly op: number;
  /** −cost for an operator of the attack (out), +cost for one joining it. */
  readonly weight: number;
}

/**
 * Operators whose whole cost is their allocation to s: those of the attack that may leave (together they leave
 * every other fallen service falling: any subset of them may go) and the smallest others (may join).
 */
function swapItems(
  ix: IndexedNetwork,
  ctx: PolishContext,
  s: number,
  ops: ReadonlySet<number>,
  fallen: readonly number[],
  over: (s: number) => number,
  prng: Prng,
): SwapItem[] {
  const ins: number[] = [];
  const outs: number[] = [];
  for (const e of ix.edgesOfSvc[s]!) {
    const v = ix.edges[e]!.op;
    if (ctx.amount[e] !== ctx.cost[v]) continue;
    (ops.has(v) ? ins : outs).push(v);
  }
  const half = polishItemsMax / 2;
  const kIn = Math.min(ins.length, Math.max(half, polishItemsMax - outs.length));
  const kOut = Math.min(outs.length, polishItemsMax - kIn);
  outs.sort((a, b) => ctx.cost[a]! - ctx.cost[b]!);
  const chosenOut = shuffle(outs.slice(0, outPoolFactor * kOut), prng).slice(0, kOut);
  const chosenIn = safeLeavers(ix, ctx, s, shuffle(ins, prng), fallen, over).slice(0, kIn);
  return shuffle(
    [...chosenIn.map((op) => ({ op, weight: -ctx.cost[op]! })), ...chosenOut.map((op) => ({ op, weight: ctx.cost[op]! }))],
    prng,
  );
}

/** A prefix-greedy set of operators whose allocations to each other fallen service fit within its overshoot. */
function safeLeavers(
  ix: IndexedNetwork,
  ctx: PolishContext,
  s: number,
  candidates: readonly number[],
  fallen: readonly number[],
  over: (s: number) => number,
): number[] {
  const room = new Map(fallen.filter((t) => t !== s).map((t) => [t, over(t)] as const));
  const out: number[] = [];
  for (const v of candidates) {
    const uses = ix.edgesOfOp[v]!.filter((e) => room.has(ix.edges[e]!.svc));
    if (uses.some((e) => ctx.amount[e]! > room.get(ix.edges[e]!.svc)!)) continue;
    for (const e of uses) room.set(ix.edges[e]!.svc, room.get(ix.edges[e]!.svc)! - ctx.amount[e]!);
    out.push(v);
  }
  return out;
}

/**
 * Subsets of the weights (as item index lists) whose sum Δ is in [floor, 0), smallest Δ first, at most
 * `candidatesMax` (ties: the first half's subset with the smaller mask first, paired with the second half's smallest
 * mask of that sum): meet in the middle. Both halves' subset sums are built sorted by merging (linear in their number,
 * no comparison sort), and one sweep pairs each first-half sum with the least second-half sum at or above floor − it
 * (monotone as the first sum grows). Weights are integers; below 2^53 the sums are exact. Above it (a k/1000 slash on
 * the 10⁻⁶ grid) they are rounded, so each answer is read from the same rounded sums it was paired by (its masks come
 * from the merged arrays, not from a search for the value elsewhere); the caller values every answer exactly.
 */
export function bestSwaps(weights: readonly number[], floor: number): number[][] {
  const k1 = Math.floor(weights.length / 2);
  const first = sortedSums(weights.slice(0, k1), 0);
  const second = sortedSums(weights.slice(k1), 1);
  const p = partners(first, second.values, floor);
  const top: { delta: number; m1: number; j: number }[] = [];
  for (let m1 = 0; m1 < p.at.length; m1++) {
    const j = p.at[m1]!;
    if (j < 0) continue;
    const delta = p.sum[m1]! + second.values[j]!;
    if (delta >= 0) continue;
    if (top.length === candidatesMax && delta >= top[top.length - 1]!.delta) continue;
    top.push({ delta, m1, j });
    top.sort((x, y) => x.delta - y.delta);
    if (top.length > candidatesMax) top.pop();
  }
  return top.map(({ m1, j }) => [...bits(m1), ...bits(smallestMask(second, j)).map((k) => k + k1)]);
}

/** The smallest mask among the sums equal to the one at index j (a run starting at j: j is the first of its value). */
function smallestMask(s: SortedSums, j: number): number {
  let m = s.masks[j]!;
  for (let t = j + 1; t < s.values.length && s.values[t] === s.values[j]; t++) m = Math.min(m, s.masks[t]!);
  return m;
}

/** By first-half mask: that mask's sum a, and the index in `second` of the least sum b ≥ floor − a (−1: none). */
function partners(first: SortedSums, second: Float64Array, floor: number): { readonly sum: Float64Array; readonly at: Int32Array } {
  const buffers = scratch(2, first.values.length);
  const sum = buffers.values;
  const at = buffers.masks.fill(-1);
  // a descending makes floor − a ascending, so the second half's pointer only moves forward
  let j = 0;
  for (let i = first.values.length - 1; i >= 0; i--) {
    const m = first.masks[i]!;
    sum[m] = first.values[i]!;
    const x = floor - first.values[i]!;
    while (j < second.length && second[j]! < x) j++;
    if (j < second.length) at[m] = j;
  }
  return { sum, at };
}

interface SortedSums {
  readonly values: Float64Array;
  /** The subset (bit k: weight k) of each sum. */
  readonly masks: Int32Array;
}

interface Scratch {
  readonly values: Float64Array;
  readonly masks: Int32Array;
  readonly nextValues: Float64Array;
  readonly nextMasks: Int32Array;
}

/** Buffers kept between calls of bestSwaps, by role (0, 1: the two halves' sums; 2: partners), grown to the largest size
 *  asked for. Why: a 36-item call allocated and zero-filled about 15 MB, and on the bundled incremental chain's #2 the
 *  collector took 41 ms of a 290 ms warm analysis. Every call writes each entry it reads first. */
const scratchByRole: (Scratch | undefined)[] = [];

/** Views of `size` entries of role `role`'s buffers. */
function scratch(role: number, size: number): Scratch {
  let s = scratchByRole[role];
  if (!s || s.values.length < size) {
    const [values, masks] = [new Float64Array(size), new Int32Array(size)];
    s = { values, masks, nextValues: new Float64Array(size), nextMasks: new Int32Array(size) };
    scratchByRole[role] = s;
  }
  const view = <T extends Float64Array | Int32Array>(a: T): T => a.subarray(0, size) as T;
  return { values: view(s.values), masks: view(s.masks), nextValues: view(s.nextValues), nextMasks: view(s.nextMasks) };
}

/** All 2^n subset sums in ascending order: sums without weight k merged with the same sums plus it, for each k. The
 *  answer is a view of the `role` scratch buffers: valid until the next call with that role. */
function sortedSums(w: readonly number[], role: number): SortedSums {
  const size = 2 ** w.length;
  const buffers = scratch(role, size);
  let [values, masks, nextValues, nextMasks] = [buffers.values, buffers.masks, buffers.nextValues, buffers.nextMasks];
  values[0] = 0;
  masks[0] = 0;
  let n = 1;
  for (let k = 0; k < w.length; k++) {
    const wk = w[k]!;
    const bit = 1 << k;
    let p = 0;
    let q = 0;
    let o = 0;
    // plain statements, not destructuring: this loop runs 2^(n+1) times per call
    while (p < n && q < n) {
      const x = values[p]!;
      const y = values[q]! + wk;
      if (x <= y) {
        nextValues[o] = x;
        nextMasks[o++] = masks[p++]!;
      } else {
        nextValues[o] = y;
        nextMasks[o++] = masks[q++]! | bit;
      }
    }
    for (; p < n; p++, o++) [nextValues[o], nextMasks[o]] = [values[p]!, masks[p]!];
    for (; q < n; q++, o++) [nextValues[o], nextMasks[o]] = [values[q]! + wk, masks[q]! | bit];
    [values, nextValues, masks, nextMasks] = [nextValues, values, nextMasks, masks];
    n *= 2;
  }
  return { values, masks };
}

function bits(m: number): number[] {
  const out: number[] = [];
  for (let k = 0; m > 0; k++, m >>>= 1) if (m & 1) out.push(k);
  return out;
}

/**
 * The knapsack of the worst-case loss (max σ(D) ≤ budget over operator sets D), improved by meet-in-the-middle
 * swaps (operators of D out, others in) whose stake change is the largest that stays within the budget.
 * Exact arithmetic decides: a swap is kept only when its exact σ(D) is larger and still ≤ budget.
 */
export function fillKnapsack(ix: IndexedNetwork, shock: readonly number[], budget: Rational, deadline: number, seed = 1): number[] {
  const lcd = Rational.of(ix.lcd);
  const units = ix.stake.map((st) => st.mul(lcd).toNumber());
  const sum = (d: Iterable<number>): Rational => [...d].reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
  const prng = createPrng(seed);
  let cur = new Set(shock);
  let value = sum(cur);
  let idle = 0;
  for (let round = 0; round < polishRoundsMax && idle < idleRoundsMax && Date.now() < deadline; round++) {
    const room = budget.sub(value).mul(lcd).toNumber();
    if (!(room > 0)) break;
    const ins = shuffle([...cur], prng).slice(0, polishItemsMax / 2);
    const outs = ix.opIds.map((_, v) => v).filter((v) => !cur.has(v) && ix.stake[v]!.sign() > 0 && ix.stake[v]!.lte(budget));
    outs.sort((a, b) => units[a]! - units[b]!);
    const kOut = Math.min(outs.length, polishItemsMax - ins.length);
    const chosenOut = shuffle(outs.slice(0, outPoolFactor * kOut), prng).slice(0, kOut);
    // a swap adds Δ = Σ in − Σ out ∈ (0, room]: with weights negated, −Δ ∈ [−room, 0), smallest first
    const items = shuffle([...ins.map((v) => ({ v, w: units[v]! })), ...chosenOut.map((v) => ({ v, w: -units[v]! }))], prng);
    let improved = false;
    for (const chosen of bestSwaps(
      items.map((i) => i.w),
      -room,
    )) {
      const next = new Set(cur);
      for (const k of chosen) {
        const it = items[k]!;
        if (it.w > 0) next.delete(it.v);
        else next.add(it.v);
      }
      const nv = sum(next);
      if (nv.lte(budget) && nv.gt(value)) {
        [cur, value, improved] = [next, nv, true];
        break;
      }
    }
    idle = improved ? 0 : idle + 1;
  }
  return [...cur].sort((a, b) => a - b);
}
