import { Rational } from '../math/rational.js';
import { priorities } from './bestAttackBnb.js';
import type { WarmProofs } from './componentCache.js';
import { evaluateAttack } from './evaluateAttack.js';
import { fillKnapsack } from './gridPolish.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { attackVariables } from './milp/attackProgram.js';
import type { BnbCandidate } from './milp/branchAndBound.js';
import { attackColumns, exactWorstProgram } from './milp/exactAttackProgram.js';
import { provenWithTree } from './milp/replayProof.js';
import { solverUnits } from './milp/units.js';
import { reachableShock } from './reachableShock.js';
import { largestShock, stakeGridFloor, withinSlackBound, worstLoss, type WorstLossOptions, type WorstLossResult } from './worstLoss.js';

/** Nodes a replayed proof may search again before the cold solve takes over (a warm start that is not
 *  quick is not worth it; seen: a stale proof whose re-opened regions took longer than the cold solve). */
export const warmNodesMax = 2_000;
/** HiGHS time for the knapsack incumbent (worstLoss caps its own the same way). */
const knapsackSecondsMax = 3;
import type { ShockAnswer } from './worstLossBnb.js';

/**
 * R_ψ with a warm start (issue 14, incremental): the worst shock and attack before the command, re-valued
 * here, is the incumbent (HiGHS's knapsack only when that shock no longer fits the budget), and the kept
 * proof of worstLossBnb's program is replayed (milp/replayProof). Same exact figure as `worstLoss`.
 */
export async function worstLossWarm(
  ix: IndexedNetwork,
  psi: Rational,
  options: WorstLossOptions,
  warm: WarmProofs,
): Promise<WorstLossResult> {
  const total = ix.totalStake;
  if (total.sign() <= 0) return { psi, loss: Rational.ZERO, shock: [], attack: null, exact: true, upperBound: Rational.ZERO };
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const reach = reachableShock(ix, stakeGridFloor(ix, psi.mul(total)));
  const budget = reach.budget;
  const g = options.slackLowerBound && options.slackLowerBound.sign() > 0 ? options.slackLowerBound : null;
  const vars = withinSlackBound(ix, attackVariables(ix), budget, g);
  const lcd = Rational.of(ix.lcd);
  const units = (r: Rational): bigint => r.mul(lcd).toBigInt('down');
  const cols = attackColumns(ix, vars, true);
  const value = (shock: number[], corrupted: Set<number>): BnbCandidate<ShockAnswer> | null => {
    const shocked = shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
    if (shocked.gt(budget)) return null;
    const ev = evaluateAttack(ix, corrupted, new Set(shock));
    const valid = ev.fallen.length > 0 && ev.attack.profit.sign() > 0;
    return { value: units(shocked.add(valid ? ev.attack.cost : Rational.ZERO)), payload: { shock, attack: valid ? ev.attack : null } };
  };
  const decode = (x: ArrayLike<number>): BnbCandidate<ShockAnswer> | null => {
    const shock = [...cols.d].filter(([, j]) => (x[j] ?? 0) > 0.5).map(([v]) => v);
    const corrupted = new Set<number>();
    for (const [v, j] of cols.b) if ((x[j] ?? 0) > 0.5) for (const e of ix.edgesOfOp[v]!) corrupted.add(e);
    for (const [e, j] of cols.p) if ((x[j] ?? 0) > 0.5) corrupted.add(e);
    return value(shock, corrupted);
  };
  let start = warm.worst ? before(ix, warm.worst, value) : null;
  // the largest shock alone, exact (reachableShock): the incumbent when the old answer is below it
  if (reach.shock && (!start || start.value < units(budget)))
    start = { value: units(budget), payload: { shock: reach.shock, attack: null } };
  if (!start) {
    // as in worstLoss: HiGHS's knapsack for at most a few seconds (on a 10⁻⁶ stake grid it never certifies:
    // uncapped, it took 25 s of the bundled network's first analysis with a cache), then filled by exact swaps
    const us = solverUnits(ix.totalStake.add(ix.totalPfc), ix.lcd);
    const knapS = Math.min((deadline - Date.now()) / 8000, knapsackSecondsMax);
    const knap = await largestShock(ix, budget, us, knapS, options.nodesMax);
    const shock = knap.exact
      ? knap.shock
      : fillKnapsack(ix, knap.shock, budget, Math.min(deadline, Date.now() + knapsackSecondsMax * 1000));
    const value = shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
    start = { value: units(value), payload: { shock, attack: null } };
  }
  const replaying = Boolean(warm.worst?.tree);
  const r = await provenWithTree({
    ix,
    program: exactWorstProgram(ix, vars, budget, g, cols),
    objScale: ix.lcd,
    priority: priorities(ix, vars, cols),
    decode,
    floor: 1n,
    incumbent: start,
    // σ(D) + cost ≤ σ(V): each operator pays at most its stake
    ceiling: units(total),
    deadline,
    ...(replaying
      ? { nodesMax: Math.min(options.nodesMax ?? warmNodesMax, warmNodesMax) }
      : options.nodesMax !== undefined
        ? { nodesMax: options.nodesMax }
        : {}),
    tree: warm.worst?.tree ?? null,
  });
  if (replaying && !r.proven) {
    delete warm.worst;
    return worstLoss(ix, psi, options);
  }
  const best = r.best ?? start;
  const loss = Rational.of(best.value).div(lcd).div(total);
  const shock = best.payload.shock.map((v) => ix.opIds[v]!);
  if (r.proven) warm.worst = { tree: r.tree, shock, attack: best.payload.attack };
  const ub =
    r.upperBound === null
      ? null
      : Rational.of(r.upperBound > best.value ? r.upperBound : best.value)
          .div(lcd)
          .div(total)
          .min(Rational.ONE);
  return { psi, loss, shock, attack: best.payload.attack, exact: r.proven, upperBound: r.proven ? loss : ub };
}

/** The shock and attack kept from before the command, re-valued here (null: an operator is gone or the shock no longer fits). */
function before(
  ix: IndexedNetwork,
  w: NonNullable<WarmProofs['worst']>,
  value: (shock: number[], corrupted: Set<number>) => BnbCandidate<ShockAnswer> | null,
): BnbCandidate<ShockAnswer> | null {
  const opIndex = new Map(ix.opIds.map((id, v) => [id, v] as const));
  const shock = w.shock.map((id) => opIndex.get(id));
  if (shock.some((v) => v === undefined)) return null;
  const corrupted = new Set<number>();
  for (const { operator, service } of w.attack?.edges ?? []) {
    const v = opIndex.get(operator);
    const e = v === undefined ? undefined : ix.edgesOfOp[v]!.find((x) => ix.svcIds[ix.edges[x]!.svc] === service);
    if (e !== undefined) corrupted.add(e);
  }
  return value(shock as number[], corrupted);
}
