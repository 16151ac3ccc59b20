import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { evaluateAttack } from './evaluateAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { coverSubnetwork } from './coverSubnetwork.js';
import { attackProgram, attackVariables } from './milp/attackProgram.js';
import { corruptedEdges } from './milp/corruptedEdges.js';
import { serviceRows } from './milp/serviceRows.js';
import { solveNamedProgram } from './milp/solveNamedProgram.js';
import { solverUnits } from './milp/units.js';
import { coverStart } from './coverStart.js';

export interface CheapestCoverResult {
  /** A coalition of strictly lower ratio than the attack's, valued exactly, or null. */
  readonly attack: Attack | null;
  /** HiGHS reported its answer optimal in the restricted program (a float claim: it steers the search, never a proof). */
  readonly optimal: boolean;
}

export interface CheapestCoverOptions {
  /** Wall-clock end (ms since the epoch). */
  readonly deadline: number;
  /** HiGHS branch-and-bound nodes allowed (a budget that gives the same answer on every machine). */
  readonly nodesMax?: number;
  /** 'same': exactly the attack's services fall (the cheapest cover of them); 'swap': all but at most one of them,
   *  others may be added. Default 'same'. */
  readonly services?: 'same' | 'swap';
}

/**
 * A search step of the slack (not a proof): the cheapest set of corrupted edges that still makes every service of
 * `attack` fall, by HiGHS on the attack program with the services fixed (y_s = 1 on the attack's services, 0
 * elsewhere): a weighted multicover, far easier than the whole program. The answer is re-valued exactly
 * (evaluateAttack) and returned only when its ratio cost/PfC is below the attack's.
 * Why: at 2,000 × 100 seed 1 the best coalition the Dinkelbach steps met (cost 2,737,508 on 66 services) was 4 ETH
 * dearer than the cheapest cover of the same services (2,737,504, found here in about 5 s); the exact proof at the
 * dearer one's ratio cannot close (that 4 ETH is real), at the cheaper one's it closes in 2,475 nodes.
 */
export async function cheapestCover(
  ix: IndexedNetwork,
  attack: Attack,
  lambda: Rational,
  o: CheapestCoverOptions,
): Promise<CheapestCoverResult> {
  const none = { attack: null, optimal: false };
  const left = (o.deadline - Date.now()) / 1000;
  if (left <= 0 || attack.revenue.sign() <= 0) return none;
  const mode = o.services ?? 'same';
  const named = new Set(attack.services);
  const inA = new Set(ix.svcIds.map((_, s) => s).filter((s) => named.has(ix.svcIds[s]!)));
  // 'same': the program of the services' own edges (coverSubnetwork), every service of it falling
  const sub = mode === 'same' ? coverSubnetwork(ix, inA) : { ix, fullEdge: null };
  const vars = attackVariables(sub.ix);
  // the whole network's units either way: the same absolute gap in the numeraire
  const u = solverUnits(ix.totalStake.add(ix.totalPfc.mul(lambda)), ix.lcd * lambda.den);
  const program = attackProgram(sub.ix, vars, { kind: 'best', pfcScale: lambda }, u);
  const fix = serviceRows(vars.services, mode === 'same' ? new Set(vars.services) : inA, mode);
  const start = mode === 'same' ? (col: ReadonlyMap<string, number>, n: number) => coverStart(sub.ix, vars, attack, col, n) : null;
  const sol = await solveNamedProgram({ ...program, rows: [...program.rows, ...fix] }, {
    leftS: left,
    ...(o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {}),
    start,
  });
  if (!sol) return none;
  const optimal = sol.optimal;
  const corrupted = saturated(ix, corruptedEdges(sub.ix, vars, sol.on, sub.fullEdge));
  const found = evaluateAttack(ix, corrupted, new Set(), Rational.ONE, true).attack;
  // exact comparison of the two ratios: cost/revenue (cross-multiplied, revenues > 0)
  if (found.revenue.sign() <= 0 || !found.cost.mul(attack.revenue).lt(attack.cost.mul(found.revenue))) return { attack: null, optimal };
  return { attack: found, optimal };
}

/**
 * Every edge of an operator whose corrupted edges already cost its whole stake: free (its cost is min(stake, Σ
 * corrupted)), and a service they make fall is revenue. The program of the whole network gets them from b_v; a cover
 * found on a coverSubnetwork knows only the services' own edges.
 */
function saturated(ix: IndexedNetwork, corrupted: Set<number>): Set<number> {
  const spent = new Map<number, Rational>();
  for (const e of corrupted) spent.set(ix.edges[e]!.op, (spent.get(ix.edges[e]!.op) ?? Rational.ZERO).add(ix.edges[e]!.amount));
  for (const [v, amount] of spent) if (amount.gte(ix.stake[v]!)) for (const e of ix.edgesOfOp[v]!) corrupted.add(e);
  return corrupted;
}
