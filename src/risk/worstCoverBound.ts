import { compareBigint } from '../math/compareBigint.js';
import { Rational } from '../math/rational.js';
import { noPointBound } from './attackCoverBound.js';
import type { IndexedNetwork } from './indexNetwork.js';
import type { AttackVariables } from './milp/attackProgram.js';
import type { AttackColumns } from './milp/exactAttackProgram.js';
import { fixedCosts, type FixedCostData } from './fixedCosts.js';
import { shockCoverMax } from './milp/worstCoverCuts.js';

/** Data of the combinatorial node bound of the `worst` program (exactWorstProgram), integers in units of 1/lcd. */
export interface WorstBoundData extends FixedCostData {
  readonly services: readonly WorstService[];
  // colsOfEdge: per edge, the indices (into costCols) of the columns that corrupt it; edgeWeight: min(a_e, need_s), rounded down
  /** Shock columns and their stakes (rounded up), and the budget (rounded up). */
  readonly shock: readonly { readonly col: number; readonly stake: bigint }[];
  readonly budget: bigint;
}

interface WorstService {
  readonly col: number;
  /** need'_s = α_s·W_s − shockCoverMax_s, rounded down: what corrupted edges alone must bring if s falls. */
  readonly needCorrupt: bigint;
  /** PfC_s rounded up. */
  readonly pfc: bigint;
  /** Σ edge weights (rounded down to the units each edge weight is). */
  readonly total: bigint;
}

/**
 * Null when some cost column costs less than what it covers on one of its services (an allocation above the
 * operator's stake): the bound's "cost ≥ coverage" step needs c_col ≥ min(a_e, need_s).
 */
export function worstBoundData(ix: IndexedNetwork, vars: AttackVariables, cols: AttackColumns, budget: Rational): WorstBoundData | null {
  const lcd = Rational.of(ix.lcd);
  const down = (r: Rational): bigint => r.mul(lcd).toBigInt('down');
  const up = (r: Rational): bigint => r.mul(lcd).toBigInt('up');
  const services: WorstService[] = [];
  const edgeService = new Int32Array(ix.edges.length).fill(-1);
  const edgeWeight: bigint[] = ix.edges.map(() => 0n);
  const exactWeight: Rational[] = ix.edges.map(() => Rational.ZERO);
  for (const [s, col] of cols.y) {
    const need = ix.weight[s]!.mul(ix.alpha[s]!);
    let total = 0n;
    for (const e of ix.edgesOfSvc[s]!) {
      edgeService[e] = services.length;
      exactWeight[e] = ix.edges[e]!.amount.min(need);
      // rounded up: an upper bound on what the edge can bring (used only for "can s still fall")
      edgeWeight[e] = up(exactWeight[e]);
      total += edgeWeight[e];
    }
    const needCorrupt = need.sub(shockCoverMax(ix, s, cols, budget));
    services.push({ col, needCorrupt: needCorrupt.sign() > 0 ? down(needCorrupt) : 0n, pfc: up(ix.pfc[s]!), total });
  }
  const costCols: { col: number; cost: bigint; services: number[]; edges: number[] }[] = [];
  const colsOfEdge: number[][] = ix.edges.map(() => []);
  const add = (col: number, cost: Rational, edges: readonly number[]): boolean => {
    if (edges.some((e) => exactWeight[e]!.gt(cost))) return false;
    for (const e of edges) colsOfEdge[e]!.push(costCols.length);
    const svcs = [...new Set(edges.map((e) => edgeService[e]!).filter((k) => k >= 0))];
    costCols.push({ col, cost: down(cost), services: svcs, edges: [...edges] });
    return true;
  };
  for (const [v, col] of cols.b) if (!add(col, vars.fullCost[v]!, ix.edgesOfOp[v]!)) return null;
  for (const [e, col] of cols.p) if (!add(col, ix.edges[e]!.amount, [e])) return null;
  const shock = [...cols.d].map(([v, col]) => ({ col, stake: up(ix.stake[v]!) }));
  return { services, costCols, colsOfEdge, edgeService, edgeWeight, shock, budget: up(budget) };
}

/**
 * Proven upper bound on σ(D) + cost over the 0/1 points of the node box [lo, up] satisfying the `worst` program's
 * rows, in its integer units (times lcd); `noPointBound` (attackCoverBound): no point. The shock is at most min(budget, Σ free shock stakes).
 * An attack on A costs c ≥ L_s for every s ∈ A, where L_s = (forced cost off s) + max(need'_s, forced cost on s):
 * the columns on s cost at least what they cover there, and corrupted edges must bring need'_s (worstFallRows);
 * and it is strictly profitable: c ≤ PfC(A) − 1 unit ≤ Σ_{s: L_s ≤ c} PfC_s − 1. So c is at most the largest
 * S_k − 1 (S_k: Σ PfC of the k services of smallest L) with S_k − 1 ≥ L_k, or 0 when no attack is forced. The LP
 * instead credits a fraction of PfC for a fraction of a large operator.
 */
export function worstCoverBound(d: WorstBoundData, lo: Uint8Array, up: Uint8Array): bigint {
  const { forced, onCost, lost } = fixedCosts(d, lo, up);
  let shockMax = 0n;
  for (const sh of d.shock) if (up[sh.col] === 1) shockMax += sh.stake;
  if (shockMax > d.budget) shockMax = d.budget;
  let theta = forced;
  let anyIn = false;
  const cands: { readonly low: bigint; readonly pfc: bigint }[] = [];
  for (let s = 0; s < d.services.length; s++) {
    const sv = d.services[s]!;
    if (up[sv.col] === 0) continue;
    if (sv.total - lost[s]! < sv.needCorrupt) {
      if (lo[sv.col] === 1) return noPointBound;
      continue;
    }
    const low = forced - onCost[s]! + (sv.needCorrupt > onCost[s]! ? sv.needCorrupt : onCost[s]!);
    if (lo[sv.col] === 1) {
      anyIn = true;
      if (low > theta) theta = low;
    }
    cands.push({ low, pfc: sv.pfc });
  }
  cands.sort((a, b) => compareBigint(a.low, b.low));
  // no attack (A = ∅, cost 0) is possible only when nothing is forced in
  let costMax: bigint | null = !anyIn && forced === 0n ? 0n : null;
  let sum = 0n;
  for (const c of cands) {
    sum += c.pfc;
    const floor = c.low > theta ? c.low : theta;
    if (sum - 1n >= floor && (costMax === null || sum - 1n > costMax)) costMax = sum - 1n;
  }
  return costMax === null ? noPointBound : shockMax + costMax;
}
