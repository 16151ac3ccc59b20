import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { priorities } from './bestAttackBnb.js';
import { evaluateAttack } from './evaluateAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import type { AttackVariables } from './milp/attackProgram.js';
import { branchAndBound, type BnbCandidate } from './milp/branchAndBound.js';
import { attackColumns, exactWorstProgram } from './milp/exactAttackProgram.js';
import { worstCoverCutRows, worstFallRows } from './milp/worstCoverCuts.js';

export interface ShockAnswer {
  readonly shock: number[];
  readonly attack: Attack | null;
}

export interface WorstLossBnbResult {
  /** σ(D) + cost of the best shock-and-attack found (network units). */
  readonly value: Rational;
  readonly answer: ShockAnswer;
  readonly exact: boolean;
  /** Proven upper bound on the maximum (network units), null when unknown. */
  readonly upper: Rational | null;
}

/**
 * max σ(D) + cost(attack after D) for R_ψ (see worstLoss) by our exact branch and bound, seeking only
 * values above a given shock alone (HiGHS's knapsack answer, checked exactly).
 */
export async function worstLossBnb(
  ix: IndexedNetwork,
  vars: AttackVariables,
  budget: Rational,
  g: Rational | null,
  o: {
    readonly deadline: number;
    readonly nodesMax?: number;
    /** A large shock alone found elsewhere (e.g. by HiGHS): the knapsack's starting incumbent. */
    readonly knapsack?: { readonly value: Rational; readonly shock: number[] };
    /** The shock-aware cover and fall rows (milp/worstCoverCuts) and no shock columns above the budget; default true. */
    readonly coverCuts?: boolean;
  },
): Promise<WorstLossBnbResult> {
  const lcd = Rational.of(ix.lcd);
  const units = (r: Rational): bigint => r.mul(lcd).toBigInt('down');
  const given = o.knapsack;
  const start = given ? { value: units(given.value), payload: { shock: given.shock, attack: null } } : null;
  // a shock alone is a point of the program too (a = 0, no attack): proving that nothing reaches
  // knapsack + 1 proves the knapsack's shock optimal, so the knapsack itself needs no proof
  const knap = start ?? { value: 0n, payload: { shock: [], attack: null } };
  const strong = o.coverCuts !== false;
  const cols = attackColumns(ix, vars, true, strong ? budget : undefined);
  const plain = exactWorstProgram(ix, vars, budget, g, cols);
  const program = strong ? { ...plain, rows: [...plain.rows, ...worstCoverCutRows(ix, vars, cols, budget), ...worstFallRows(ix, vars, cols, budget)] } : plain;
  const decode = (x: ArrayLike<number>): BnbCandidate<ShockAnswer> | null => {
    const shock = [...cols.d].filter(([, j]) => (x[j] ?? 0) > 0.5).map(([v]) => v);
    const shocked = shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
    if (shocked.gt(budget)) return null;
    const corrupted = new Set<number>();
    for (const [v, j] of cols.b) if ((x[j] ?? 0) > 0.5) for (const e of ix.edgesOfOp[v]!) corrupted.add(e);
    for (const [e, j] of cols.p) if ((x[j] ?? 0) > 0.5) corrupted.add(e);
    const ev = evaluateAttack(ix, corrupted, new Set(shock));
    const valid = ev.fallen.length > 0 && ev.attack.profit.sign() > 0;
    return { value: units(shocked.add(valid ? ev.attack.cost : Rational.ZERO)), payload: { shock, attack: valid ? ev.attack : null } };
  };
  const r = await branchAndBound({
    program,
    priority: priorities(ix, vars, cols),
    decode,
    floor: knap.value + 1n,
    // σ(D) + cost ≤ σ(D) + σ(V∖D) = σ(V): each operator pays at most its stake
    ceiling: units(ix.totalStake),
    deadline: o.deadline,
    ...(o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {}),
  });
  const best = r.best ?? knap;
  const exact = r.proven;
  const upper = r.upperBound === null ? null : Rational.of(r.upperBound > knap.value ? r.upperBound : knap.value).div(lcd);
  return { value: Rational.of(best.value).div(lcd), answer: best.payload, exact, upper: exact ? Rational.of(best.value).div(lcd) : upper };
}
