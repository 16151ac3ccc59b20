import { gcd, Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { evaluateAttack } from './evaluateAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { networkUnits } from './networkUnits.js';
import { attackProgram, attackVariables, type AttackVariables } from './milp/attackProgram.js';
import { corruptedEdges } from './milp/corruptedEdges.js';
import { exactMax } from './milp/exactMax.js';
import { floatToRational, solverUnits, type SolverUnits } from './milp/units.js';
import { certifyRoundsMax } from './bestAttack.js';
import { ceilingStart, worstLossBnb, type WorstLossBnbResult, type WorstLossWarmStart } from './worstLossBnb.js';
import { worstStart } from './worstStart.js';
import { fillKnapsack } from './gridPolish.js';
import { reachableShock } from './reachableShock.js';

export interface WorstLossResult {
  readonly psi: Rational;
  /** R_ψ = (shocked stake + stake lost in the worst following cascade) / total stake. */
  readonly loss: Rational;
  /** Operators removed by the shock. */
  readonly shock: readonly string[];
  /** The cascade, as one strictly profitable attack on the shocked network (null: none follows). */
  readonly attack: Attack | null;
  readonly exact: boolean;
  /** Proven upper bound on R_ψ (equals loss when exact). */
  readonly upperBound: Rational | null;
}

interface Payload {
  readonly shock: number[];
  readonly attack: Attack | null;
}

/**
 * Worst-case loss R_ψ (SPEC §5) as one optimisation over (shock set, attackers, services): the union of
 * a cascade of profitable attacks after the shock is one profitable attack on the shocked network
 * (thresholds on surviving stake), so R_ψ = max σ(D) + cost(attack) over σ(D) ≤ ψ·σ(V) and attacks with
 * profit > 0 on G∖D, divided by σ(V). Exact like `bestAttack`.
 */
/** The largest shock alone: max σ(D) with σ(D) ≤ budget (a knapsack), exact. */
export async function largestShock(
  ix: IndexedNetwork,
  budget: Rational,
  u: SolverUnits,
  timeLimitS: number,
  nodesMax: number | undefined,
): Promise<{ value: Rational; shock: number[]; exact: boolean }> {
  const ops = ix.opIds.map((_, v) => v).filter((v) => ix.stake[v]!.sign() > 0 && ix.stake[v]!.lte(budget));
  if (ops.length === 0) return { value: Rational.ZERO, shock: [], exact: true };
  const terms = ops.map((v) => ({ name: `d${v}`, coef: u.toUnits(ix.stake[v]!) }));
  const program = {
    objective: terms,
    rows: [{ name: 'budget', terms, op: '<=' as const, rhs: u.toUnits(budget) }],
    binaries: terms.map((t) => t.name),
  };
  const r = await exactMax(
    program,
    (x) => {
      const shock = ops.filter((v) => x(`d${v}`) > 0.5);
      const value = shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
      return value.gt(budget) ? null : { value, payload: shock };
    },
    {
      toUnits: u.toUnits,
      stepUnits: u.stepUnits,
      tolUnits: u.tolUnits,
      timeLimitS: Math.max(timeLimitS, 0.05),
      ...(nodesMax !== undefined ? { nodesMax } : {}),
      roundsMax: certifyRoundsMax,
    },
  );
  return r.best ? { value: r.best.value, shock: r.best.payload, exact: r.certified } : { value: Rational.ZERO, shock: [], exact: false };
}

function filledShock(
  ix: IndexedNetwork,
  shock: readonly number[],
  budget: Rational,
  deadline: number,
): { value: Rational; shock: number[] } {
  const filled = fillKnapsack(ix, shock, budget, deadline);
  return { value: filled.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO), shock: filled };
}

export interface WorstLossOptions {
  readonly timeLimitS?: number;
  /** Branch-and-bound nodes per solver run (a reproducible budget); omitted: unlimited. */
  readonly nodesMax?: number;
  /** A proven lower bound on the slack γ* (e.g. γ* itself): when > 0 it adds the valid cut γ·PfC(A) ≤ σ(D). */
  readonly slackLowerBound?: Rational | null;
  /** 'milp': HiGHS MILP solves; 'bnb': our branch and bound with exact bounds (worstLossBnb);
   *  default: 'bnb' from `worstLossBnbEdgesMin` edges on. */
  readonly method?: 'milp' | 'bnb';
  /** 'bnb' only: the shock-aware cover and fall rows, the combinatorial node bound and probing of the services
   *  (worstLossBnb `coverCuts`); default true. */
  readonly worstCuts?: boolean;
  /** 'bnb' with `worstCuts` only: conflict rows from probing pairs of open services (worstLossBnb `pairs`); default true. */
  readonly worstPairs?: boolean;
  /** 'bnb' only: a warm start (worstLossWarm, worstLossBnb `warm`); its old shock, when it fits the budget, stands in
   *  for HiGHS's knapsack (any shock alone is a valid floor). */
  readonly warm?: WorstLossWarmStart;
}

/**
 * HiGHS time for the knapsack floor of the branch and bound (its certificate is not needed): on fine stake grids
 * it never certifies and used to take an eighth of the whole budget (25 s of the bundled network's 30 s).
 */
const knapsackSecondsMax = 3;

/** From this many edges on, R_ψ is proven by our own exact branch and bound (worstLossBnb). */
export const worstLossBnbEdgesMin = 150;

export async function worstLoss(ix: IndexedNetwork, psi: Rational, options: WorstLossOptions = {}): Promise<WorstLossResult> {
  const total = ix.totalStake;
  if (total.sign() <= 0) return { psi, loss: Rational.ZERO, shock: [], attack: null, exact: true, upperBound: Rational.ZERO };
  // the budget on the attainable stake sums, and a shock attaining it (reachableShock), when the grid allows
  const reach = reachableShock(ix, stakeGridFloor(ix, psi.mul(total)));
  const budget = reach.budget;
  const exactShock = reach.shock ? { value: budget, shock: reach.shock, exact: true as const } : null;
  const g = options.slackLowerBound;
  const vars = withinSlackBound(ix, attackVariables(ix), budget, g);
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const c: WorstContext = { ix, psi, options, budget, exactShock, g, vars, deadline };
  if ((options.method ?? (ix.edges.length >= worstLossBnbEdgesMin ? 'bnb' : 'milp')) === 'milp') return worstByMilp(c);
  // a proven slack below ψ (a shock of ψ·σ(V) can be followed by an attack on many services): HiGHS's whole program
  // first, briefly, then the branch and bound from its answer. Generated 200 × 30 seed 4 (γ* = 0.00036, ψ = 0.01): the
  // branch and bound alone met no attack after a shock in 60 s and ended at 0.0099998 ≤ R_ψ ≤ 0.338, where HiGHS
  // proved R_ψ = 0.3146 in 0.5 s. Where the slack is at least ψ the branch and bound alone is kept: HiGHS first, or a
  // short branch and bound first, cost 2–3 s more on 2,000 × 100 (ψ = 0.01 seed 10, ψ = 0.05 seeds 1, 3, 6; the
  // branch and bound's setup is most of a restart), thirteenth pass. Not on a warm start (its old answer is the
  // incumbent)
  if (options.method !== undefined || options.warm || vars.services.length === 0 || !g || !g.lt(psi)) return worstByBnb(c);
  const first = await worstByMilp({ ...c, deadline: firstEnd(c) });
  if (first.exact) return first;
  const start = worstStart(ix, first.shock, first.attack);
  const warm = start ? { start, tree: null, keep: (): void => undefined } : undefined;
  return tighter(await worstByBnb(warm ? { ...c, options: { ...options, warm } } : c), first);
}

/** HiGHS's first try may take at most this long (ms) and an eighth of the time left. */
const firstTryMsMax = 2000;

/** Where HiGHS's first try ends: a wall-clock cut, except under a node budget alone (then its node budget: the same
 *  figures on every machine). */
function firstEnd(c: WorstContext): number {
  const now = Date.now();
  if (c.options.nodesMax !== undefined && !Number.isFinite(c.deadline)) return c.deadline;
  return Math.min(c.deadline, now + Math.min(firstTryMsMax, (c.deadline - now) / 8));
}

/** Two answers for the same R_ψ, each a real shock and attack with a proven upper bound: the higher and the lower. */
function tighter(a: WorstLossResult, b: WorstLossResult): WorstLossResult {
  if (a.exact) return a;
  const best = b.loss.gt(a.loss) ? b : a;
  const ub = a.upperBound === null ? b.upperBound : b.upperBound === null ? a.upperBound : a.upperBound.min(b.upperBound);
  const exact = ub !== null && ub.lte(best.loss);
  return { ...best, exact, upperBound: exact ? best.loss : ub };
}

/** What both routes of worstLoss read: the budget on the stake grid, a shock attaining it if known, the variables. */
interface WorstContext {
  readonly ix: IndexedNetwork;
  readonly psi: Rational;
  readonly options: WorstLossOptions;
  readonly budget: Rational;
  readonly exactShock: { readonly value: Rational; readonly shock: number[]; readonly exact: true } | null;
  readonly g: Rational | null | undefined;
  readonly vars: AttackVariables;
  readonly deadline: number;
}

/** R_ψ by our exact branch and bound, from a large shock alone (the knapsack floor). */
async function worstByBnb(c: WorstContext): Promise<WorstLossResult> {
  const { ix, options, budget, exactShock, g, vars, deadline } = c;
  const top = ceilingStart(ix, budget, options.warm?.start ?? null);
  if (top) return bnbResult(c, top);
  const nodes = options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {};
  // a large shock alone from HiGHS's knapsack (its certificate is not needed): the floor of the search
  const us = solverUnits(ix.totalStake.add(ix.totalPfc), ix.lcd);
  const knapS = Math.min((deadline - Date.now()) / 8000, knapsackSecondsMax);
  const found = exactShock ?? keptShock(ix, options.warm, budget) ?? (await largestShock(ix, budget, us, knapS, options.nodesMax));
  // not certified in its time: filled towards the budget on the stake grid by exact swaps (gridPolish)
  const knap = found.exact ? found : filledShock(ix, found.shock, budget, Math.min(deadline, Date.now() + knapsackSecondsMax * 1000));
  const r = await worstLossBnb(ix, vars, budget, g && g.sign() > 0 ? g : null, {
    deadline,
    ...nodes,
    knapsack: knap,
    ...(options.worstCuts === false ? { coverCuts: false } : {}),
    ...(options.worstPairs === false ? { pairs: false } : {}),
    ...(options.warm ? { warm: options.warm } : {}),
  });
  return bnbResult(c, r);
}

/** The branch and bound's answer (network units) as R_ψ: a share of the total stake. */
function bnbResult(c: WorstContext, r: WorstLossBnbResult): WorstLossResult {
  const total = c.ix.totalStake;
  const loss = r.value.div(total);
  const shock = r.answer.shock.map((v) => c.ix.opIds[v]!);
  const ub = r.upper === null ? null : r.upper.div(total).min(Rational.ONE);
  return { psi: c.psi, loss, shock, attack: r.answer.attack, exact: r.exact, upperBound: r.exact ? loss : ub && ub.lt(loss) ? loss : ub };
}

/** R_ψ by HiGHS with exact certification (exactMax) above the largest shock alone. */
async function worstByMilp(c: WorstContext): Promise<WorstLossResult> {
  const { ix, psi, options, budget, exactShock, g, vars, deadline } = c;
  const total = ix.totalStake;
  const u = solverUnits(ix.totalStake.add(ix.totalPfc), ix.lcd);
  const program = attackProgram(ix, vars, { kind: 'worst', budget, ...(g && g.sign() > 0 ? { slackLowerBound: g } : {}) }, u);
  const decode = (x: (name: string) => number): { value: Rational; payload: Payload } | null => {
    const shock = ix.opIds.map((_, v) => v).filter((v) => x(`d${v}`) > 0.5);
    const shocked = shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
    if (shocked.gt(budget)) return null;
    const corrupted = corruptedEdges(ix, vars, (name) => x(name) > 0.5);
    const ev = evaluateAttack(ix, corrupted, new Set(shock));
    const valid = ev.fallen.length > 0 && ev.attack.profit.sign() > 0;
    return { value: shocked.add(valid ? ev.attack.cost : Rational.ZERO), payload: { shock, attack: valid ? ev.attack : null } };
  };
  const knap = exactShock ?? (await largestShock(ix, budget, u, (deadline - Date.now()) / 1000, options.nodesMax));
  // only shocks followed by a profitable attack that beat the largest shock alone are sought
  const r = await exactMax(program, decode, {
    toUnits: u.toUnits,
    stepUnits: u.stepUnits,
    tolUnits: u.tolUnits,
    timeLimitS: Math.max((deadline - Date.now()) / 1000, 0.05),
    ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
    roundsMax: certifyRoundsMax,
    initialFloorUnits: u.toUnits(knap.value) + (u.stepUnits ?? 0) - u.tolUnits,
  });
  const best = r.best && r.best.value.gt(knap.value) ? r.best : { value: knap.value, payload: { shock: knap.shock, attack: null } };
  const certified = r.certified && knap.exact;
  const loss = best.value.div(total);
  const ub = Number.isFinite(r.upperBoundUnits)
    ? floatToRational(r.upperBoundUnits + u.tolUnits)
        .mul(u.unit)
        .div(total)
        .min(Rational.ONE)
    : null;
  return {
    psi,
    loss,
    shock: best.payload.shock.map((v) => ix.opIds[v]!),
    attack: best.payload.attack,
    exact: certified,
    upperBound: certified ? loss : ub && ub.lt(loss) ? loss : ub,
  };
}

/** A warm start's old shock alone when it is non-empty and fits the budget (not certified: filled like HiGHS's). */
function keptShock(
  ix: IndexedNetwork,
  warm: WorstLossWarmStart | undefined,
  budget: Rational,
): { value: Rational; shock: number[]; exact: false } | null {
  const shock = warm?.start?.shock ?? [];
  const value = shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
  return shock.length > 0 && value.lte(budget) ? { value, shock: [...shock], exact: false } : null;
}

/**
 * The shock budget rounded down to the grid of stakes (multiples of the gcd of all positive stakes): every
 * shocked total lies on that grid, so the budget row admits the same shocks and its LP relaxation is exact
 * at the bound (without this the knapsack's LP bound ψ·σ(V) stays above every integer answer and branch
 * and bound never closes the gap).
 */
export function stakeGridFloor(ix: IndexedNetwork, budget: Rational): Rational {
  const lcd = Rational.of(ix.lcd);
  // the stakes in units of 1/lcd, exact integers (networkUnits)
  const g = networkUnits(ix).stake.reduce((a, u) => (u > 0n ? gcd(a, u) : a), 0n);
  if (g === 0n) return budget;
  return Rational.of(budget.mul(lcd).div(Rational.of(g)).toBigInt('down') * g, ix.lcd);
}

/**
 * With a proven g ≤ γ* (g > 0), every attack that can follow a shock D has g·PfC(A) < σ(D) ≤ budget
 * (slackCut), so a service with g·PfC_s > budget is in no such attack: it is left out of the program
 * (exactly, in rationals) instead of leaving branch and bound to discover it. Its edges stay: the
 * decoder values every answer exactly on the whole network.
 */
export function withinSlackBound(
  ix: IndexedNetwork,
  vars: AttackVariables,
  budget: Rational,
  g: Rational | null | undefined,
): AttackVariables {
  if (!g || g.sign() <= 0) return vars;
  return { ...vars, services: vars.services.filter((s) => g.mul(ix.pfc[s]!).lte(budget)) };
}
