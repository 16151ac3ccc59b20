import { Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { attackProgram, type AttackVariables } from './milp/attackProgram.js';
import { loadHighs } from './milp/loadHighs.js';
import { lpText, type LpRow } from './milp/lpModel.js';
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

/** HiGHS model statuses with a point worth reading: optimal, time limit reached. */
const withPoint = new Set([7, 13]);

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
  const fix: LpRow[] = vars.services.map((s) => ({
    name: `fix${s}`,
    terms: [{ name: `y${s}`, coef: 1 }],
    op: inA.has(s) ? '>=' : '<=',
    rhs: inA.has(s) ? 1 : 0,
  }));
  const highs = await loadHighs();
  const model = highs.createModel({ format: 'lp', data: lpText({ ...program, rows: [...program.rows, ...fix] }) });
  try {
    model.options.set({ time_limit: Math.max(left, 0.01), mip_rel_gap: 0, output_flag: false, random_seed: 0 });
    if (o.start) model.setSolution({ colValue: startPoint(ix, vars, o.start, inA, model) });
    model.run();
    if (!withPoint.has(model.getModelStatus() as number)) return null;
    const x = model.getSolution().colValue;
    const n = model.getDimensions().numCols;
    if (x.length !== n || !Number.isFinite(model.getObjectiveValue())) return null;
    const on = new Set<string>();
    for (let j = 0; j < n; j++) if ((x[j] ?? 0) > 0.5) on.add(model.getColName(j));
    const shock = ix.opIds.map((_, v) => v).filter((v) => on.has(`d${v}`));
    const corrupted = new Set<number>();
    for (const v of vars.operators) if (on.has(`b${v}`)) for (const e of ix.edgesOfOp[v]!) corrupted.add(e);
    for (const e of vars.paidEdges) if (on.has(`p${e}`)) corrupted.add(e);
    return { shock, corrupted };
  } finally {
    model.dispose();
  }
}

/**
 * The start's point in the HiGHS model's columns (by name): d_v for the shock; per attacking operator b_v when it has
 * one and its corrupted edges cost its whole c_v, else p_e for each corrupted edge; y_s on the set; a = 1.
 */
function startPoint(
  ix: IndexedNetwork,
  vars: AttackVariables,
  start: SetSearchAnswer,
  inA: ReadonlySet<number>,
  model: { getDimensions: () => { numCols: number }; getColName: (j: number) => string },
): Float64Array {
  const on = new Set<string>(['a', ...[...inA].map((s) => `y${s}`), ...start.shock.map((v) => `d${v}`)]);
  const spent = new Map<number, Rational>();
  for (const e of start.corrupted) spent.set(ix.edges[e]!.op, (spent.get(ix.edges[e]!.op) ?? Rational.ZERO).add(ix.edges[e]!.amount));
  const whole = new Set(vars.operators.filter((v) => spent.get(v)?.gte(vars.fullCost[v]!) ?? false));
  for (const v of whole) on.add(`b${v}`);
  for (const e of start.corrupted) if (!whole.has(ix.edges[e]!.op)) on.add(`p${e}`);
  const n = model.getDimensions().numCols;
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) if (on.has(model.getColName(j))) x[j] = 1;
  return x;
}
