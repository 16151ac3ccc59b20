import { Rational } from '../math/rational.js';
import { evaluateAttack } from './evaluateAttack.js';
import { bestSwaps, polishItemsMax } from './gridPolish.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { shuffle } from './shuffle.js';
import { createPrng, type Prng } from './prng.js';

/** Swap rounds per fill (each a meet-in-the-middle over at most `polishItemsMax` items). */
const fillRoundsMax = 24;
const idleRoundsMax = 3;

export interface ShockAttack {
  readonly shock: readonly number[];
  /** Corrupted edges. */
  readonly corrupted: ReadonlySet<number>;
}

/**
 * Exact local search for R_ψ (issue 14): the value σ(D) + cost of a shock D followed by a strictly profitable
 * attack is raised in two fills, each a subset-sum towards a capacity (greedy, then meet-in-the-middle swaps;
 * floats choose, exact sums decide):
 * 1. the shock towards the budget: shocked operators with an edge on a fallen service stay (their removal could
 *    raise a threshold), the others may leave, any operator that does not attack may join (a larger shock only
 *    lowers thresholds: α_s·(W_s − shocked_s));
 * 2. the attack's cost towards its revenue: edges of operators whose allocations sum to at most their stake (their
 *    cost is additive) join, and such corrupted edges on services that do not fall leave, keeping cost < revenue.
 * The result is valued by `evaluateAttack` and kept only if it is a valid answer of larger value; null otherwise.
 * On generated networks the best answers sit at σ(D) ≈ budget and cost = revenue − one grid step, which the
 * tree's rounded LP points rarely hit exactly.
 */
export function polishShockAttack(ix: IndexedNetwork, start: ShockAttack, budget: Rational, deadline: number): ShockAttack | null {
  const value = (sa: ShockAttack): Rational | null => {
    const d = new Set(sa.shock);
    const shocked = sa.shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
    if (shocked.gt(budget)) return null;
    const ev = evaluateAttack(ix, sa.corrupted, d);
    return ev.fallen.length > 0 && ev.attack.profit.sign() > 0 ? shocked.add(ev.attack.cost) : null;
  };
  const v0 = value(start);
  if (v0 === null) return null;
  const prng = createPrng(1);
  const ev = evaluateAttack(ix, start.corrupted, new Set(start.shock));
  const fallen = new Set(ev.fallen);
  const attackers = new Set(ev.edges.map((e) => ix.edges[e]!.op));
  const onFallen = (v: number): boolean => ix.edgesOfOp[v]!.some((e) => fallen.has(ix.edges[e]!.svc));
  const d0 = new Set(start.shock);
  const removable = [...d0].filter((v) => !onFallen(v));
  const addable = ix.opIds
    .map((_, v) => v)
    .filter((v) => !d0.has(v) && !attackers.has(v) && ix.stake[v]!.sign() > 0 && ix.stake[v]!.lte(budget));
  const shocked = [...d0].reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
  const filled = (out: readonly number[]): ShockAttack => {
    const shockOut = fill(out, addable, (v) => ix.stake[v]!, budget.sub(shocked), ix.lcd, prng, deadline);
    return { shock: [...d0].filter((v) => !shockOut.removed.has(v)).concat([...shockOut.added]), corrupted: start.corrupted };
  };
  // first with the shocked operators a fallen service can spare one by one (together they may not: valued exactly)
  const spare = spareShocked(ix, start, ev.fallen);
  let mid = filled([...removable, ...spare]);
  let midValue = value(mid);
  if (spare.length > 0 && midValue === null) {
    mid = filled(removable);
    midValue = value(mid);
  }
  const base = midValue !== null && midValue.gt(v0) ? mid : start;
  const d = new Set(base.shock);
  const evb = evaluateAttack(ix, base.corrupted, d);
  const additive = (v: number): boolean =>
    !d.has(v) && ix.edgesOfOp[v]!.reduce((a, e) => a.add(ix.edges[e]!.amount), Rational.ZERO).lte(ix.stake[v]!);
  const fallenB = new Set(evb.fallen);
  const idle = evb.edges.filter((e) => additive(ix.edges[e]!.op) && !fallenB.has(ix.edges[e]!.svc));
  const extra = ix.edges.map((_, e) => e).filter((e) => !base.corrupted.has(e) && additive(ix.edges[e]!.op));
  const whole = wholeOperators(ix, base.corrupted, d, fallenB, additive);
  // items: edges (k < E) of additive operators, and whole other operators (k = E + v) at their cost
  const E = ix.edges.length;
  const weight = (k: number): Rational => (k < E ? ix.edges[k]!.amount : whole.cost.get(k - E)!);
  const room = evb.attack.profit.sub(Rational.of(1n, ix.lcd));
  const costOut = fill(
    [...idle, ...whole.idle.map((v) => E + v)],
    [...extra, ...whole.free.map((v) => E + v)],
    weight,
    room,
    ix.lcd,
    prng,
    deadline,
  );
  const corrupted = new Set(base.corrupted);
  for (const k of costOut.removed) for (const e of k < E ? [k] : ix.edgesOfOp[k - E]!) corrupted.delete(e);
  for (const k of costOut.added) for (const e of k < E ? [k] : ix.edgesOfOp[k - E]!) corrupted.add(e);
  const last: ShockAttack = { shock: base.shock, corrupted };
  const lastValue = value(last);
  const top = lastValue !== null && lastValue.gt(midValue !== null && midValue.gt(v0) ? midValue : v0) ? last : base;
  return top === start ? null : top;
}

/**
 * Items in (removable) and out (addable) of a set: the net weight added is raised towards `room` (exact, never
 * above it) by a greedy pass over the addable items (largest first) and then swap rounds.
 */
function fill(
  removable: readonly number[],
  addable: readonly number[],
  weight: (k: number) => Rational,
  room: Rational,
  lcd: bigint,
  prng: Prng,
  deadline: number,
): { removed: Set<number>; added: Set<number> } {
  const removed = new Set<number>();
  const added = new Set<number>();
  if (room.sign() <= 0) return { removed, added };
  const unitOf = (k: number): number => weight(k).mul(Rational.of(lcd)).toNumber();
  let left = room;
  for (const k of [...addable].sort((a, b) => unitOf(b) - unitOf(a))) {
    const w = weight(k);
    if (w.sign() > 0 && w.lte(left)) {
      added.add(k);
      left = left.sub(w);
    }
  }
  let idle = 0;
  for (let round = 0; round < fillRoundsMax && idle < idleRoundsMax && left.sign() > 0 && Date.now() < deadline; round++) {
    // "in" now: removable not removed, and added; "out": addable not added, and removed
    const ins = shuffle([...removable.filter((k) => !removed.has(k)), ...added], prng).slice(0, polishItemsMax / 2);
    const outs = shuffle([...addable.filter((k) => !added.has(k)), ...removed], prng).slice(0, polishItemsMax - ins.length);
    const items = [...ins.map((k) => ({ k, w: unitOf(k), inside: true })), ...outs.map((k) => ({ k, w: -unitOf(k), inside: false }))];
    let improved = false;
    for (const chosen of bestSwaps(
      items.map((i) => i.w),
      -left.mul(Rational.of(lcd)).toNumber(),
    )) {
      let delta = Rational.ZERO;
      for (const i of chosen) delta = items[i]!.inside ? delta.sub(weight(items[i]!.k)) : delta.add(weight(items[i]!.k));
      if (delta.sign() <= 0 || delta.gt(left)) continue;
      for (const i of chosen) {
        const { k, inside } = items[i]!;
        if (inside) {
          if (added.has(k)) added.delete(k);
          else removed.add(k);
        } else if (removed.has(k)) removed.delete(k);
        else added.add(k);
      }
      left = left.sub(delta);
      improved = true;
      break;
    }
    idle = improved ? 0 : idle + 1;
  }
  return { removed, added };
}

/**
 * A shock and attack aimed at one service s, or at a few together (a start for `polishShockAttack`): the shock takes
 * their operators in order of the stake they hold on them per unit of budget (most threshold lowered per unit), then
 * the attack corrupts the largest remaining edges on each until α_s·(surviving stake) is reached. Null when the attack is not
 * strictly profitable. Exact arithmetic decides every step.
 */
export function aimedShockAttack(ix: IndexedNetwork, s: number | readonly number[], budget: Rational): ShockAttack | null {
  const targets = typeof s === 'number' ? [s] : [...new Set(s)];
  // threshold each operator lowers on the targets, α_s·w_vs summed (float: ordering only)
  const on = new Map<number, number>();
  for (const t of targets)
    for (const e of ix.edgesOfSvc[t]!)
      on.set(ix.edges[e]!.op, (on.get(ix.edges[e]!.op) ?? 0) + ix.edges[e]!.amount.mul(ix.alpha[t]!).toNumber());
  // float only to order the candidates (a heuristic start); every step below is decided exactly
  const ratio = (v: number): number => on.get(v)! / (ix.stake[v]!.toNumber() || 1);
  const shock: number[] = [];
  let left = budget;
  for (const v of [...on.keys()].sort((a, b) => ratio(b) - ratio(a))) {
    if (ix.stake[v]!.sign() > 0 && ix.stake[v]!.lte(left)) {
      shock.push(v);
      left = left.sub(ix.stake[v]!);
    }
  }
  const d = new Set(shock);
  const corrupted = new Set<number>();
  for (const t of targets) {
    const onT = ix.edgesOfSvc[t]!.filter((e) => !d.has(ix.edges[e]!.op));
    const need = ix.alpha[t]!.mul(onT.reduce((a, e) => a.add(ix.edges[e]!.amount), Rational.ZERO));
    let got = Rational.ZERO;
    const free = onT.sort((a, b) => ix.edges[b]!.amount.cmp(ix.edges[a]!.amount));
    // several targets: the smallest edge that completes the need, else the largest (little overshoot, so cost is
    // left for the others); one target: the largest edges (the overshoot is value, and the polish starts from it)
    while (got.lt(need) && free.length > 0) {
      const gap = need.sub(got);
      let k = 0;
      while (targets.length > 1 && k + 1 < free.length && ix.edges[free[k + 1]!]!.amount.gte(gap)) k++;
      const e = free.splice(ix.edges[free[k]!]!.amount.gte(gap) ? k : 0, 1)[0]!;
      corrupted.add(e);
      got = got.add(ix.edges[e]!.amount);
    }
  }
  const ev = evaluateAttack(ix, corrupted, d);
  return ev.fallen.length > 0 && ev.attack.profit.sign() > 0 ? { shock, corrupted } : null;
}

/**
 * Whole operators as padding items of the cost fill (the operators whose allocations exceed their stake, the
 * full-restaking ones of generated networks): `free` ones (not shocked, nothing corrupted, stake > 0) may join
 * corrupting every edge at min(stake, Σ allocations); `idle` ones (corrupting only edges of services that do not
 * fall) may leave, saving their whole cost. Neither changes which services fall for the worse: a joining operator
 * only adds corrupted stake (more falls, more revenue), a leaving one held nothing a fallen service needed.
 */
function wholeOperators(
  ix: IndexedNetwork,
  corrupted: ReadonlySet<number>,
  shocked: ReadonlySet<number>,
  fallen: ReadonlySet<number>,
  additive: (v: number) => boolean,
): { free: number[]; idle: number[]; cost: Map<number, Rational> } {
  const free: number[] = [];
  const idle: number[] = [];
  const cost = new Map<number, Rational>();
  const sum = (xs: readonly number[]): Rational => xs.reduce((a, e) => a.add(ix.edges[e]!.amount), Rational.ZERO);
  for (const [v, es] of ix.edgesOfOp.entries()) {
    if (shocked.has(v) || additive(v) || ix.stake[v]!.sign() <= 0 || es.length === 0) continue;
    const mine = es.filter((e) => corrupted.has(e));
    if (mine.length === 0) {
      free.push(v);
      cost.set(v, sum(es).min(ix.stake[v]!));
    } else if (mine.every((e) => !fallen.has(ix.edges[e]!.svc))) {
      idle.push(v);
      cost.set(v, sum(mine).min(ix.stake[v]!));
    }
  }
  return { free, idle, cost };
}

/**
 * Shocked operators on fallen services whose return would still leave each of those services fallen, one at a time:
 * α_s·w_vs ≤ corrupted_s − α_s·(W_s − shocked_s) on every fallen s of theirs (exact).
 */
function spareShocked(ix: IndexedNetwork, sa: ShockAttack, fallen: readonly number[]): number[] {
  const d = new Set(sa.shock);
  const excess = new Map<number, Rational>();
  for (const s of fallen) {
    let corrupt = Rational.ZERO;
    let surviving = Rational.ZERO;
    for (const e of ix.edgesOfSvc[s]!) {
      if (!d.has(ix.edges[e]!.op)) surviving = surviving.add(ix.edges[e]!.amount);
      if (sa.corrupted.has(e)) corrupt = corrupt.add(ix.edges[e]!.amount);
    }
    excess.set(s, corrupt.sub(ix.alpha[s]!.mul(surviving)));
  }
  return sa.shock.filter((v) => {
    const on = ix.edgesOfOp[v]!.filter((e) => excess.has(ix.edges[e]!.svc));
    return on.length > 0 && on.every((e) => ix.alpha[ix.edges[e]!.svc]!.mul(ix.edges[e]!.amount).lte(excess.get(ix.edges[e]!.svc)!));
  });
}
