import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { priorities } from './bestAttackBnb.js';
import { evaluateAttack } from './evaluateAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import type { AttackVariables } from './milp/attackProgram.js';
import { branchAndBound, type BnbCandidate } from './milp/branchAndBound.js';
import { attackColumns, exactWorstProgram } from './milp/exactAttackProgram.js';
import { integerRow } from './milp/exactProgram.js';

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
 * max σ(D) + cost(attack after D) for R_ψ (see worstLoss) by our exact branch and bound: first the largest
 * shock alone (a knapsack), then only shock-and-attack pairs that beat it.
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
  },
): Promise<WorstLossBnbResult> {
  const lcd = Rational.of(ix.lcd);
  const units = (r: Rational): bigint => r.mul(lcd).toBigInt('down');
  const given = o.knapsack;
  const start = given ? { value: units(given.value), payload: { shock: given.shock, attack: null } } : null;
  // the given shock is only a start: its optimality is proven here, in exact arithmetic (at once when it
  // fills the budget, the LP bound)
  const knapDeadline = Date.now() + (o.deadline - Date.now()) / 4;
  const knap = await largestShockBnb(ix, budget, { ...o, deadline: knapDeadline }, start);
  const cols = attackColumns(ix, vars, true);
  const program = exactWorstProgram(ix, vars, budget, g, cols);
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
    deadline: o.deadline,
    ...(o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {}),
  });
  const best = r.best ?? knap;
  const exact = r.proven && knap.exact;
  const upper = r.upperBound === null || knap.upper === null ? null : Rational.of(r.upperBound > knap.upper ? r.upperBound : knap.upper).div(lcd);
  return { value: Rational.of(best.value).div(lcd), answer: best.payload, exact, upper: exact ? Rational.of(best.value).div(lcd) : upper };
}

/** The largest shock alone: max σ(D) with σ(D) ≤ budget, exact (program units: lcd). */
async function largestShockBnb(
  ix: IndexedNetwork,
  budget: Rational,
  o: { readonly deadline: number; readonly nodesMax?: number },
  start: BnbCandidate<ShockAnswer> | null,
): Promise<BnbCandidate<ShockAnswer> & { exact: boolean; upper: bigint | null }> {
  const ops = ix.opIds.map((_, v) => v).filter((v) => ix.stake[v]!.sign() > 0 && ix.stake[v]!.lte(budget));
  const none = { value: 0n, payload: { shock: [], attack: null }, exact: true, upper: 0n };
  if (ops.length === 0) return none;
  const lcd = Rational.of(ix.lcd);
  const program = {
    names: ops.map((v) => `d${v}`),
    objective: ops.map((v) => ix.stake[v]!.mul(lcd).num),
    rows: [integerRow({ terms: ops.map((v, j) => ({ col: j, coef: ix.stake[v]! })), lower: null, upper: budget })],
  };
  const r = await branchAndBound({
    program,
    priority: ops.map((v) => ix.stake[v]!.toNumber()),
    decode: (x) => {
      const shock = ops.filter((_, j) => (x[j] ?? 0) > 0.5);
      const s = shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
      return s.gt(budget) ? null : { value: s.mul(lcd).num, payload: { shock, attack: null } };
    },
    floor: 0n,
    incumbent: start ?? { value: 0n, payload: { shock: [], attack: null } },
    deadline: o.deadline,
    ...(o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {}),
  });
  return r.best ? { ...r.best, exact: r.proven, upper: r.upperBound } : { ...none, exact: r.proven, upper: r.upperBound };
}
