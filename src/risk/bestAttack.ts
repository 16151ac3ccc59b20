import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { evaluateAttack, pruneAttack, type AttackEvaluation } from './evaluateAttack.js';
import { greedyAttack } from './greedyAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { attackProgram, attackVariables } from './milp/attackProgram.js';
import { exactMax } from './milp/exactMax.js';
import { floatToRational, solverUnits } from './milp/units.js';

/** Attacks with at most this many operators get the exact pruning pass. */
const pruneOperatorsMax = 64;
/** Re-solves (no-good cuts) allowed to certify an answer in the float (fine-grid) regime. */
export const certifyRoundsMax = 40;
/** Least solver time given when the budget is already spent (the solver then reports its bounds). */
const minSolveS = 0.01;

export interface BestAttackOptions {
  /** Multiplies every PfC (Dinkelbach); default 1. */
  readonly pfcScale?: Rational;
  /** Only look for attacks with profit > 0 (much faster to refute); default true. */
  readonly profitableOnly?: boolean;
  readonly timeLimitS?: number;
  /** Branch-and-bound nodes per solver run (a reproducible budget); omitted: unlimited. */
  readonly nodesMax?: number;
  /** Search mode: stop at this relative gap with the first valid answer (exact: false). */
  readonly relGap?: number;
}

export interface BestAttackResult {
  /** The most profitable attack on a non-empty set of services with PfC > 0, or null if there is none
   *  (with `profitableOnly`: null when no attack has profit > 0, i.e. the network is secure). */
  readonly attack: Attack | null;
  /** True when `attack` is proven to be the maximum (exactly). */
  readonly exact: boolean;
  /** Proven upper bound on the maximum profit (equals attack.profit when exact; null when unknown). */
  readonly profitUpperBound: Rational | null;
}

/** Exact maximum-profit attack (SPEC §5) by 0/1 programming (HiGHS) with exact certification. */
export async function bestAttack(ix: IndexedNetwork, options: BestAttackOptions = {}): Promise<BestAttackResult> {
  // the time limit covers everything here (greedy, building and loading the program), not only the solver
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const scale = options.pfcScale ?? Rational.ONE;
  const positive = options.profitableOnly ?? true;
  const vars = attackVariables(ix);
  if (vars.services.length === 0 || scale.sign() <= 0) return { attack: null, exact: true, profitUpperBound: null };
  // the greedy lower bound gets at most half of the budget; the solver the rest
  const greedyFound = greedyAttack(ix, scale, Date.now() + (deadline - Date.now()) / 2);
  const greedy = greedyFound && (!positive || greedyFound.attack.profit.sign() > 0) ? greedyFound : null;
  // budget spent before the solver could start (building and loading the program take seconds on
  // large networks): the greedy attack is the answer, with no proven bound
  const spent = (): BestAttackResult => ({ attack: greedy?.attack ?? null, exact: false, profitUpperBound: null });
  if (Date.now() >= deadline) return spent();
  const u = solverUnits(ix.totalStake.add(ix.totalPfc.mul(scale)), ix.lcd * scale.den);
  const program = attackProgram(ix, vars, { kind: 'best', pfcScale: scale }, u);
  if (Date.now() >= deadline) return spent();
  const decode = (x: (name: string) => number): { value: Rational; payload: AttackEvaluation } | null => {
    const corrupted = new Set<number>();
    for (const v of vars.operators) if (x(`b${v}`) > 0.5) for (const e of ix.edgesOfOp[v]!) corrupted.add(e);
    for (const e of vars.paidEdges) if (x(`p${e}`) > 0.5) corrupted.add(e);
    let ev = evaluateAttack(ix, corrupted, new Set(), scale, true);
    if (ev.fallen.length === 0 || (positive && ev.attack.profit.sign() <= 0)) return null;
    if (ev.attack.operators.length <= pruneOperatorsMax) ev = pruneAttack(ix, ev, scale);
    return { value: ev.attack.profit, payload: ev };
  };
  const r = await exactMax(program, decode, {
    toUnits: u.toUnits,
    stepUnits: u.stepUnits,
    tolUnits: u.tolUnits,
    timeLimitS: Number.isFinite(deadline) ? Math.max((deadline - Date.now()) / 1000, minSolveS) : Number.POSITIVE_INFINITY,
    roundsMax: certifyRoundsMax,
    ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
    ...(options.relGap !== undefined ? { relGap: options.relGap } : {}),
    ...(positive ? { initialFloorUnits: (u.stepUnits ?? 0) - u.tolUnits } : {}),
  });
  let attack = r.best?.payload.attack ?? null;
  if (greedy && (attack === null || greedy.attack.profit.gt(attack.profit))) attack = greedy.attack;
  const bound = Number.isFinite(r.upperBoundUnits) ? floatToRational(r.upperBoundUnits + u.tolUnits).mul(u.unit) : null;
  if (r.certified) return { attack, exact: true, profitUpperBound: attack?.profit ?? (positive ? Rational.ZERO : null) };
  return { attack, exact: false, profitUpperBound: bound && attack && bound.lt(attack.profit) ? attack.profit : bound };
}
