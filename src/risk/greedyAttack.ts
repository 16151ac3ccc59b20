import { Rational } from '../math/rational.js';
import { evaluateAttack, type AttackEvaluation } from './evaluateAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';

/**
 * Fast lower bound on the best attack (floats to choose, exact to value): repeatedly adds the service
 * whose cheapest completion (edges by marginal cost per unit of coverage, counting the stake cap)
 * earns the most, lets operators that hit their cap corrupt all their edges for free, and keeps the
 * most profitable prefix. The returned attack is evaluated exactly. O(rounds × edges · log).
 * `deadlineMs` (a Date.now() time) stops adding services when passed: the best prefix so far is
 * still a real attack, so the result stays a valid lower bound, and a caller's time limit holds on
 * networks where the full greedy takes seconds (10,000 operators × 1,000 services).
 */
export function greedyAttack(
  ix: IndexedNetwork,
  pfcScale: Rational = Rational.ONE,
  deadlineMs: number = Number.POSITIVE_INFINITY,
): AttackEvaluation | null {
  const stake = ix.stake.map((r) => r.toNumber());
  const w = ix.edges.map((e) => e.amount.toNumber());
  const pfc = ix.pfc.map((p) => p.mul(pfcScale).toNumber());
  const need = ix.weight.map((W, s) => W.mul(ix.alpha[s]!).toNumber() * (1 + 1e-12));
  const raw = stake.map(() => 0);
  const cov = pfc.map(() => 0);
  const fallen = pfc.map(() => false);
  const corrupted = new Set<number>();
  let bestProfit = Number.NEGATIVE_INFINITY;
  let bestSet: number[] | null = null;
  let revenue = 0;
  const costOf = (v: number): number => Math.min(stake[v]!, raw[v]!);
  const take = (e: number): void => {
    if (corrupted.has(e)) return;
    corrupted.add(e);
    raw[ix.edges[e]!.op]! += w[e]!;
    cov[ix.edges[e]!.svc]! += w[e]!;
  };
  for (let round = 0; round < ix.svcIds.length; round++) {
    if (round > 0 && Date.now() > deadlineMs) break;
    let pick = -1;
    let pickScore = Number.NEGATIVE_INFINITY;
    let pickEdges: number[] = [];
    for (const [s, p] of pfc.entries()) {
      if (fallen[s] || p <= 0) continue;
      const plan = cheapestCover(ix, s, need[s]! - cov[s]!, corrupted, w, raw, stake);
      if (plan && p - plan.cost > pickScore) [pick, pickScore, pickEdges] = [s, p - plan.cost, plan.edges];
    }
    if (pick < 0) break;
    for (const e of pickEdges) take(e);
    for (const [v, st] of stake.entries()) if (raw[v]! >= st && raw[v]! > 0) for (const e of ix.edgesOfOp[v]!) take(e);
    for (const [s, p] of pfc.entries()) {
      if (!fallen[s] && p > 0 && cov[s]! >= need[s]!) [fallen[s], revenue] = [true, revenue + p];
    }
    let cost = 0;
    for (const v of stake.keys()) cost += costOf(v);
    if (revenue - cost > bestProfit) [bestProfit, bestSet] = [revenue - cost, [...corrupted]];
  }
  if (bestSet === null) return null;
  const ev = evaluateAttack(ix, new Set(bestSet), new Set(), pfcScale, true);
  return ev.fallen.length > 0 ? ev : null;
}

function cheapestCover(
  ix: IndexedNetwork,
  s: number,
  missing: number,
  corrupted: ReadonlySet<number>,
  w: readonly number[],
  raw: readonly number[],
  stake: readonly number[],
): { cost: number; edges: number[] } | null {
  if (missing <= 0) return { cost: 0, edges: [] };
  const options = ix.edgesOfSvc[s]!.filter((e) => !corrupted.has(e) && w[e]! > 0).map((e) => {
    const v = ix.edges[e]!.op;
    const marginal = Math.min(stake[v]!, raw[v]! + w[e]!) - Math.min(stake[v]!, raw[v]!);
    return { e, marginal, ratio: marginal / w[e]! };
  });
  options.sort((a, b) => a.ratio - b.ratio || w[b.e]! - w[a.e]! || a.e - b.e);
  let cost = 0;
  const edges: number[] = [];
  for (const o of options) {
    if (missing <= 0) break;
    edges.push(o.e);
    cost += o.marginal;
    missing -= w[o.e]!;
  }
  return missing <= 0 ? { cost, edges } : null;
}
