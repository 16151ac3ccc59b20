import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { evaluateAttack } from './evaluateAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { servicesByThreshold } from './servicesByThreshold.js';
import type { SlackResult } from './slackResult.js';
import type { WorstLossResult } from './worstLoss.js';

/**
 * Closed-form proven bounds, no solver. Every attack on a set A costs at least c_s = α_s·W_s for each
 * s ∈ A (the corrupted edges on s reach α_s·W_s, and an operator pays at least each corrupted edge
 * since an allocation never exceeds its stake), so cost ≥ max_{s∈A} c_s. With P(T) = Σ PfC_s over the
 * services with PfC > 0 and c_s ≤ T: profit(A) ≤ max_T P(T) − T and cost/PfC(A) ≥ min_T T/P(T).
 */
export interface CoverBounds {
  /** Proven upper bound on the profit of every attack (≤ 0 proves the network secure). */
  readonly profitUpperBound: Rational;
  /** Proven lower bound on γ* (≥ −1). */
  readonly slackLowerBound: Rational;
}

/** Null when no service has PfC > 0 (no attack earns anything). O(S log S), exact. */
export function coverBounds(ix: IndexedNetwork): CoverBounds | null {
  const services = servicesByThreshold(ix);
  if (services.length === 0) return null;
  let prefix = Rational.ZERO;
  let profit: Rational | null = null;
  let ratio: Rational | null = null;
  for (const s of services) {
    prefix = prefix.add(s.pfc);
    const p = prefix.sub(s.need);
    const r = s.need.div(prefix);
    profit = profit === null ? p : profit.max(p);
    ratio = ratio === null ? r : ratio.min(r);
  }
  return { profitUpperBound: profit!, slackLowerBound: ratio!.sub(Rational.ONE) };
}

function ratio(a: Attack | null | undefined): Rational | null {
  return a && a.revenue.sign() > 0 ? a.cost.div(a.revenue) : null;
}

/** Local-search moves allowed per climb (each strictly improves the objective). */
const climbMovesMax = 200;

/**
 * Operator local search (floats to choose, exact to value): operators corrupt all their edges; from
 * `start`, repeatedly add or remove the one operator that most improves the objective (the ratio
 * cost/PfC, or the profit PfC − cost) until no move improves it. Services fall on the network without
 * the `removed` operators (a shock: thresholds on surviving stake). O(moves × edges); no further move
 * after `deadlineMs` (a Date.now() time).
 */
export function operatorClimb(
  ix: IndexedNetwork,
  objective: 'ratio' | 'profit',
  start: readonly number[] = [],
  removed: ReadonlySet<number> = new Set(),
  deadlineMs: number = Number.POSITIVE_INFINITY,
): Attack | null {
  const w = ix.edges.map((e) => e.amount.toNumber());
  const pfc = ix.pfc.map((p) => p.toNumber());
  const residual = ix.weight.map((W) => W.toNumber());
  for (const v of removed) for (const e of ix.edgesOfOp[v]!) residual[ix.edges[e]!.svc]! -= w[e]!;
  const need = residual.map((W, s) => Math.max(W, 0) * ix.alpha[s]!.toNumber() * (1 + 1e-12));
  const cost = ix.stake.map((st, v) =>
    Math.min(
      st.toNumber(),
      ix.edgesOfOp[v]!.reduce((a, e) => a + w[e]!, 0),
    ),
  );
  const cov = pfc.map(() => 0);
  const inSet = cost.map(() => false);
  const value = (rev: number, c: number): number => (objective === 'profit' ? rev - c : rev > 0 ? -c / rev : Number.NEGATIVE_INFINITY);
  const revenueDelta = (v: number, sign: number): number => {
    let d = 0;
    for (const e of ix.edgesOfOp[v]!) {
      const s = ix.edges[e]!.svc;
      if (pfc[s]! <= 0) continue;
      const was = cov[s]! >= need[s]!;
      if (was !== cov[s]! + sign * w[e]! >= need[s]!) d += was ? -pfc[s]! : pfc[s]!;
    }
    return d;
  };
  let [rev, c] = [0, 0];
  for (const [s, p] of pfc.entries()) if (p > 0 && need[s]! <= 0) rev += p;
  const flip = (v: number): void => {
    const sign = inSet[v] ? -1 : 1;
    [rev, c, inSet[v]] = [rev + revenueDelta(v, sign), c + sign * cost[v]!, !inSet[v]];
    for (const e of ix.edgesOfOp[v]!) cov[ix.edges[e]!.svc]! += sign * w[e]!;
  };
  for (const v of start) if (!removed.has(v) && !inSet[v]) flip(v);
  for (let move = 0; move < climbMovesMax; move++) {
    // past the deadline the coalition so far is still a real attack (the caller's time limit holds)
    if (Date.now() > deadlineMs) break;
    let [best, pick] = [value(rev, c), -1];
    for (const v of cost.keys()) {
      if (removed.has(v)) continue;
      const sign = inSet[v] ? -1 : 1;
      const x = value(rev + revenueDelta(v, sign), c + sign * cost[v]!);
      if (x > best && (!Number.isFinite(best) || x - best > 1e-12 * Math.abs(best))) [best, pick] = [x, v];
    }
    if (pick < 0) break;
    flip(pick);
  }
  const corrupted = new Set(ix.opIds.flatMap((_, v) => (inSet[v] ? ix.edgesOfOp[v]! : [])));
  const ev = evaluateAttack(ix, corrupted, removed, Rational.ONE, true);
  return ev.fallen.length > 0 ? ev.attack : null;
}

/** The prefix of the operators by decreasing stake (corrupting all their edges) with the smallest cost/PfC. */
function stakePrefix(ix: IndexedNetwork): number[] {
  const order = ix.opIds.map((_, v) => v).sort((a, b) => ix.stake[b]!.cmp(ix.stake[a]!) || a - b);
  const w = ix.edges.map((e) => e.amount.toNumber());
  const need = ix.weight.map((W, s) => W.mul(ix.alpha[s]!).toNumber() * (1 + 1e-12));
  const cov = need.map(() => 0);
  let [rev, c, best, size] = [0, 0, Number.POSITIVE_INFINITY, 0];
  for (const [i, v] of order.entries()) {
    let raw = 0;
    for (const e of ix.edgesOfOp[v]!) {
      const s = ix.edges[e]!.svc;
      const was = cov[s]! >= need[s]!;
      [raw, cov[s]] = [raw + w[e]!, cov[s]! + w[e]!];
      if (!was && cov[s]! >= need[s]! && ix.pfc[s]!.sign() > 0) rev += ix.pfc[s]!.toNumber();
    }
    c += Math.min(ix.stake[v]!.toNumber(), raw);
    if (rev > 0 && c / rev < best) [best, size] = [c / rev, i + 1];
  }
  return order.slice(0, size);
}

/**
 * Heuristic slack (no solver): the smallest cost/PfC among all edges corrupted, the given attacks, and
 * operator local searches (from nothing and from the best prefix of the largest operators). `gamma` is an
 * upper bound on γ* (a real coalition's ratio − 1); it is exact when it meets the proven closed-form
 * lower bound.
 */
export function greedySlack(
  ix: IndexedNetwork,
  extra: readonly (Attack | null)[] = [],
  deadlineMs: number = Number.POSITIVE_INFINITY,
): SlackResult {
  const start = evaluateAttack(ix, new Set(ix.edges.keys()), new Set(), Rational.ONE, true);
  const floor = coverBounds(ix);
  if (start.fallen.length === 0 || floor === null) return { gamma: null, attack: null, exact: true, lowerBound: null };
  let attack = start.attack;
  const climbs = [
    operatorClimb(ix, 'ratio', [], new Set(), deadlineMs),
    operatorClimb(ix, 'ratio', stakePrefix(ix), new Set(), deadlineMs),
  ];
  for (const a of [...extra, ...climbs]) {
    const r = ratio(a);
    if (a && r && r.lt(ratio(attack)!)) attack = a;
  }
  const gamma = ratio(attack)!.sub(Rational.ONE);
  const exact = gamma.lte(floor.slackLowerBound);
  return { gamma, attack, exact, lowerBound: exact ? null : floor.slackLowerBound };
}

/**
 * Heuristic lower bound on R_ψ (no solver): a real shock (largest operators first while σ(D) ≤ ψ·σ(V))
 * followed by the operator local search's profitable attack on the shocked network (the costlier of the
 * best-profit and best-ratio searches). Never exact; no upper
 * bound of its own (the caller may add the Durvasula–Roughgarden bound from a proven slack bound).
 */
export function greedyWorstLoss(ix: IndexedNetwork, psi: Rational): WorstLossResult {
  const total = ix.totalStake;
  if (total.sign() <= 0) return { psi, loss: Rational.ZERO, shock: [], attack: null, exact: true, upperBound: Rational.ZERO };
  const budget = psi.mul(total);
  const order = ix.opIds.map((_, v) => v).sort((a, b) => ix.stake[b]!.cmp(ix.stake[a]!) || a - b);
  const shock = new Set<number>();
  let shocked = Rational.ZERO;
  for (const v of order) {
    const next = shocked.add(ix.stake[v]!);
    if (ix.stake[v]!.sign() <= 0 || next.gt(budget)) continue;
    shocked = next;
    shock.add(v);
  }
  const candidates = [operatorClimb(ix, 'profit', [], shock), operatorClimb(ix, 'ratio', [], shock)];
  let attack: Attack | null = null;
  for (const a of candidates) if (a && a.profit.sign() > 0 && (attack === null || a.cost.gt(attack.cost))) attack = a;
  const loss = shocked.add(attack ? attack.cost : Rational.ZERO).div(total);
  const shockIds = ix.opIds.filter((_, v) => shock.has(v));
  return { psi, loss, shock: shockIds, attack, exact: loss.eq(Rational.ONE), upperBound: loss.eq(Rational.ONE) ? loss : null };
}
