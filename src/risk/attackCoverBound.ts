import { compareBigint } from '../math/compareBigint.js';
import { Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { gridThreshold, type AttackVariables } from './milp/attackProgram.js';
import { coverDeficits } from './coverDeficits.js';
import { fixedCosts } from './fixedCosts.js';
import type { AttackColumns } from './milp/exactAttackProgram.js';

/**
 * Data of the combinatorial node bound of the `best` attack program (exactBestProgram), all in units of
 * 1/lcd of the network's numeraire (integers).
 */
export interface CoverBoundData {
  readonly services: readonly CoverService[];
  /** Cost columns (b_v, p_e): column index, cost, services touched (index into `services`), edges covered. */
  readonly costCols: readonly CostColumn[];
  /** Per program column: index into costCols, or −1. */
  readonly costColOf: Int32Array;
  /** Per edge: the cost columns that cover it (b of its operator, p of the edge). */
  readonly colsOfEdge: readonly (readonly number[])[];
  /** Per edge: its index in `services` (−1: not a service of the program) and its weight w_e = min(a_e, need_s). */
  readonly edgeService: Int32Array;
  readonly edgeWeight: readonly bigint[];
}

interface CoverService {
  readonly col: number;
  /** The program's threshold (gridThreshold) and Σ w_e over the service's edges. */
  readonly need: bigint;
  readonly total: bigint;
}

interface CostColumn {
  readonly col: number;
  readonly cost: bigint;
  readonly services: readonly number[];
  readonly edges: readonly number[];
}

/**
 * The bound needs every cost column to cost at least what it covers on each service (c_v ≥ w_e): true on
 * every network whose allocations do not exceed stakes; null (no bound) otherwise.
 */
export function coverBoundData(ix: IndexedNetwork, vars: AttackVariables, cols: AttackColumns): CoverBoundData | null {
  const lcd = Rational.of(ix.lcd);
  const units = (r: Rational): bigint => r.mul(lcd).toBigInt('up');
  const services: CoverService[] = [];
  const edgeService = new Int32Array(ix.edges.length).fill(-1);
  const edgeWeight: bigint[] = ix.edges.map(() => 0n);
  for (const [s, col] of cols.y) {
    const need = gridThreshold(ix, s);
    let total = 0n;
    for (const e of ix.edgesOfSvc[s]!) {
      edgeService[e] = services.length;
      // w_e·lcd is an integer: amounts are on the lcd grid and so is the grid threshold
      edgeWeight[e] = units(ix.edges[e]!.amount.min(need));
      total += edgeWeight[e];
    }
    services.push({ col, need: units(need), total });
  }
  const costCols: CostColumn[] = [];
  const costColOf = new Int32Array(cols.count).fill(-1);
  const colsOfEdge: number[][] = ix.edges.map(() => []);
  const add = (col: number, cost: Rational, edges: readonly number[]): boolean => {
    const c = units(cost);
    if (edges.some((e) => edgeWeight[e]! > c)) return false;
    costColOf[col] = costCols.length;
    for (const e of edges) colsOfEdge[e]!.push(costCols.length);
    const svcs = [...new Set(edges.map((e) => edgeService[e]!).filter((k) => k >= 0))];
    costCols.push({ col, cost: c, services: svcs, edges });
    return true;
  };
  for (const [v, col] of cols.b) if (!add(col, vars.fullCost[v]!, ix.edgesOfOp[v]!)) return null;
  for (const [e, col] of cols.p) if (!add(col, ix.edges[e]!.amount, [e])) return null;
  return { services, costCols, costColOf, colsOfEdge, edgeService, edgeWeight };
}

/** Returned for a node whose box holds no feasible point (a counted service can no longer fall). */
export const noPointBound = -(1n << 256n);

/**
 * Proven upper bound on λ·PfC(A) − cost over the 0/1 points of the node box [lo, up] that satisfy the program's
 * rows, in the objective's integer units (`objective`: the current exactBestObjective; `unit`: objective units
 * per 1/lcd, i.e. λ's denominator). For every counted service s, cost ≥ (forced cost off s) + max(need_s,
 * forced cost on s), because the columns on s cost at least what they cover there; and s can be counted only
 * if its edges not fixed to 0 still cover need_s. With θ the largest of these lower bounds over the counted
 * services (at least the forced cost and those of services fixed in), value ≤ Σ_{s: L_s ≤ θ} gain_s − θ,
 * maximised over θ. The LP relaxation gives partial PfC for partial coverage; this bound does not, which is
 * what closes full-restaking networks whose largest operators sit in almost every service.
 */
export function coverBound(d: CoverBoundData, objective: readonly bigint[], unit: bigint, lo: Uint8Array, up: Uint8Array): bigint {
  const { forced, onCost, lost } = fixedCosts(d, lo, up);
  const deficits = coverDeficits(d, lo, up);
  let theta0 = forced;
  const cands: { readonly low: bigint; readonly gain: bigint }[] = [];
  for (let s = 0; s < d.services.length; s++) {
    const sv = d.services[s]!;
    if (up[sv.col] === 0) continue;
    if (sv.total - lost[s]! < sv.need) {
      if (lo[sv.col] === 1) return noPointBound;
      continue;
    }
    const plainLow = forced - onCost[s]! + (sv.need > onCost[s]! ? sv.need : onCost[s]!);
    // the deficit on the free edges' grid (coverDeficits) is at least need − onCost: the larger one holds
    const extra = deficits[s];
    const low = extra !== null && extra !== undefined && forced + extra > plainLow ? forced + extra : plainLow;
    if (lo[sv.col] === 1 && low > theta0) theta0 = low;
    cands.push({ low, gain: objective[sv.col]! });
  }
  cands.sort((a, b) => compareBigint(a.low, b.low));
  let sum = 0n;
  let k = 0;
  for (; k < cands.length && cands[k]!.low <= theta0; k++) sum += cands[k]!.gain;
  let best = sum - theta0 * unit;
  while (k < cands.length) {
    const low = cands[k]!.low;
    for (; k < cands.length && cands[k]!.low === low; k++) sum += cands[k]!.gain;
    const v = sum - low * unit;
    if (v > best) best = v;
  }
  return best;
}
