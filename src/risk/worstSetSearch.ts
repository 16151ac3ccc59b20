import type { Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { attackProgram, type AttackVariables } from './milp/attackProgram.js';
import { attackStartColumns } from './milp/attackStartColumns.js';
import { corruptedEdges } from './milp/corruptedEdges.js';
import { serviceRows } from './milp/serviceRows.js';
import { solveNamedProgram } from './milp/solveNamedProgram.js';
import { solverUnits } from './milp/units.js';

/** A shock and the edges its attack corrupts (operator and edge indices), as HiGHS answered: valued exactly by the caller. */
export interface SetSearchAnswer {
  readonly shock: number[];
  readonly corrupted: Set<number>;
}

export interface WorstSetSearchOptions {
  /** The services that must fall (indices); every other service of the program stays up. */
  readonly services: readonly number[];
  readonly budget: Rational;
  /** A proven lower bound g > 0 on γ*: the program's slack cut (as worstLoss's HiGHS route), or null. */
  readonly g: Rational | null;
  /** Wall-clock end (ms since the epoch). */
  readonly deadline: number;
  /** The best answer so far on this set (HiGHS's first incumbent; it ignores a start that breaks a row). */
  readonly start?: SetSearchAnswer;
}

/**
 * R_ψ's search step on one service set (not a proof): HiGHS on R_ψ's program (attackProgram 'worst') with the set's
 * services held falling and every other one held up. With the services fixed the program is about a shock knapsack
 * and a cover, which HiGHS solves in seconds at 2,000 × 100, where the exact branch and bound's search stalls a few ETH
 * under the set's cap budget + PfC(A) − 1: seed 2 at ψ = 0.05 ended at 249,999 + 7,764 ETH with its bound at
 * 249,999 + 7,768, and HiGHS on that set found 249,999 + 7,768 in 5 s (BENCHMARKS, "eighteenth pass (lead)"). The answer
 * is read by column name; the caller values it exactly and keeps it only when it is better.
 */
export async function worstSetSearch(ix: IndexedNetwork, vars: AttackVariables, o: WorstSetSearchOptions): Promise<SetSearchAnswer | null> {
  const left = (o.deadline - Date.now()) / 1000;
  if (left <= 0) return null;
  const u = solverUnits(ix.totalStake.add(ix.totalPfc), ix.lcd);
  const worst = { kind: 'worst' as const, budget: o.budget, ...(o.g && o.g.sign() > 0 ? { slackLowerBound: o.g } : {}) };
  const program = attackProgram(ix, vars, worst, u);
  const inA = new Set(o.services);
  const fix = serviceRows(vars.services, inA, 'same');
  const start = o.start;
  const sol = await solveNamedProgram({ ...program, rows: [...program.rows, ...fix] }, {
    leftS: left,
    start: start ? (col, n) => startPoint(ix, vars, start, inA, col, n) : null,
  });
  if (!sol) return null;
  return { shock: ix.opIds.map((_, v) => v).filter((v) => sol.on(`d${v}`)), corrupted: corruptedEdges(ix, vars, sol.on) };
}

/** The start's point in the model's columns: d_v for the shock, the attack's columns (attackStartColumns), y_s on the set, a = 1. */
function startPoint(
  ix: IndexedNetwork,
  vars: AttackVariables,
  start: SetSearchAnswer,
  inA: ReadonlySet<number>,
  col: ReadonlyMap<string, number>,
  n: number,
): Float64Array {
  const { names } = attackStartColumns(ix, vars, start.corrupted, (name) => col.has(name));
  const x = new Float64Array(n);
  for (const name of ['a', ...[...inA].map((s) => `y${s}`), ...start.shock.map((v) => `d${v}`), ...names]) {
    const j = col.get(name);
    if (j !== undefined) x[j] = 1;
  }
  return x;
}
