import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttackBnb } from './bestAttackBnb.js';
import { edgeLookup } from './edgeLookup.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { attackVariables, type AttackVariables } from './milp/attackProgram.js';
import { attackColumns, type AttackColumns } from './milp/exactAttackProgram.js';
import { lowerRatio, ratio, unscale } from './slackBnb.js';

/** Branch-and-bound nodes given to one neighbourhood search (about 10 ms a node at 2,000 × 100). */
export const neighbourhoodNodesMax = 150;
/** Operators (by full cost, largest first) whose columns a neighbourhood fixes: at least this many… */
export const neighbourhoodFixedMin = 10;
/** …or this share of all operators (mainnet-like networks: the few operators in 20–30 services). */
export const neighbourhoodFixedShare = 0.05;

export interface NeighbourhoodOptions {
  readonly deadline: number;
  readonly nodesMax?: number;
}

/**
 * Large-neighbourhood search for the weakest coalition (a search, never a proof; the caller proves): near γ*
 * the coalitions of almost equal ratio differ only in which small operators top up the thresholds, and
 * the search over the whole program finds them one tiny improvement at a time (measured at 2,000 × 100
 * seed 1: the parametric tree found eight, each lowering the ratio by about 10⁻⁶, in 120 s). Here the columns of the largest operators are fixed to the
 * incumbent's and the exact branch and bound searches the rest (which services fall, which small operators
 * top up) at λ = the incumbent's ratio, a few hundred nodes: every attack found has a lower ratio (profit > 0
 * at λ), valued exactly. Then each large operator in turn is set free (the others fixed), and after any
 * improvement the round starts again.
 */
export async function neighbourhoodSearch(ix: IndexedNetwork, start: Attack, o: NeighbourhoodOptions): Promise<Attack> {
  const vars = attackVariables(ix);
  const cols = attackColumns(ix, vars, false);
  const large = largeOperators(ix, vars);
  let attack = start;
  const at = edgeLookup(ix);
  for (let free = -1; free < large.length; free++) {
    if (Date.now() >= o.deadline) break;
    const lambda = ratio(attack);
    if (lambda === null || lambda.isZero()) break;
    const corrupted = new Set(attack.edges.map((e) => at(e.operator, e.service)!));
    const box = large.filter((_, k) => k !== free).flatMap((v) => fixingsOf(ix, vars, cols, v, corrupted));
    const r = await bestAttackBnb(ix, {
      pfcScale: lambda,
      incumbent: null,
      deadline: o.deadline,
      nodesMax: o.nodesMax ?? neighbourhoodNodesMax,
      bestBound: true,
      starts: [box],
    });
    if (r.attack && r.attack.profit.sign() > 0) {
      // profit > 0 at λ: its real ratio is below λ (unscale); the round restarts around it (free = −1 next)
      attack = lowerRatio(attack, unscale(r.attack, lambda));
      free = -2;
    }
  }
  return attack;
}

/** The operators whose columns a neighbourhood fixes: the largest by full cost. */
export function largeOperators(ix: IndexedNetwork, vars: AttackVariables): number[] {
  const count = Math.max(neighbourhoodFixedMin, Math.ceil(ix.opIds.length * neighbourhoodFixedShare));
  return ix.opIds
    .map((_, v) => v)
    .filter((v) => ix.edgesOfOp[v]!.length > 0)
    .sort((a, b) => vars.fullCost[b]!.cmp(vars.fullCost[a]!) || a - b)
    .slice(0, count);
}

/** Packed fixings (col·2 + value) of operator v's columns as the corrupted edge set has them: b_v = 1 when v
 *  pays its full cost (its paid edges 0), else each paid edge as corrupted or not. */
export function fixingsOf(
  ix: IndexedNetwork,
  vars: AttackVariables,
  cols: AttackColumns,
  v: number,
  corrupted: ReadonlySet<number>,
): number[] {
  const mine = ix.edgesOfOp[v]!.filter((e) => corrupted.has(e));
  const paid = mine.reduce((a, e) => a.add(ix.edges[e]!.amount), Rational.ZERO);
  const b = cols.b.get(v);
  const full = b !== undefined && paid.gte(vars.fullCost[v]!);
  const out: number[] = b !== undefined ? [b * 2 + (full ? 1 : 0)] : [];
  for (const e of ix.edgesOfOp[v]!) {
    const p = cols.p.get(e);
    if (p !== undefined) out.push(p * 2 + (!full && corrupted.has(e) ? 1 : 0));
  }
  return out;
}
