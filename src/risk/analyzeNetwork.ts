import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import type { BestAttackResult } from './bestAttack.js';
import { bestAttackDecomposed } from './bestAttackDecomposed.js';
import type { ComponentCache } from './componentCache.js';
import { byzantineShock } from './byzantineShock.js';
import { cascade, type CascadeResult } from './cascade.js';
import { coverBounds, greedySlack, greedyWorstLoss, operatorClimb, type CoverBounds } from './fastBounds.js';
import { fullRestaking } from './fullRestaking.js';
import { greedyAttack } from './greedyAttack.js';
import { indexNetwork, type IndexedNetwork } from './indexNetwork.js';
import type { CommandLogSource, Network } from './network.js';
import { newOperatorConditionMemo, operatorCondition, type OperatorConditionResult } from './operatorCondition.js';
import type { SlackResult } from './slackResult.js';
import { slackDecomposed } from './slackDecomposed.js';
import { worstLoss, type WorstLossResult } from './worstLoss.js';
import { worstLossWarm } from './worstLossWarm.js';
import { warmEntry } from './warmEntry.js';

export interface AnalyzeOptions {
  /** Shock size ψ ∈ [0, 1] for the worst-case loss R_ψ (omitted: not computed). */
  readonly psi?: Rational;
  /** Services turning Byzantine (they slash all stake allocated to them) before the analysis. */
  readonly byzantine?: readonly string[];
  /** Also simulate the step-by-step cascade. */
  readonly cascade?: boolean;
  /** Wall-clock budget in seconds; answers not proven in time are reported as bounds (exact: false). */
  readonly timeLimitS?: number;
  /** Branch-and-bound nodes per solver run: a budget with reproducible answers (same figures on every run
   *  and machine), unlike the time limit. Omitted: unlimited. */
  readonly nodesMax?: number;
  /** Heuristic mode, no solver (large networks, about a second on 2000 × 100): the greedy attack (a lower
   *  bound on the best profit; a profitable one proves "not secure"), a greedy upper bound on γ*, closed-form
   *  proven bounds on the other side, the per-operator condition, a heuristic lower bound on R_ψ and a
   *  greedy cascade. */
  readonly heuristicOnly?: boolean;
  /** Exact per-component answers kept from earlier analyses of related networks (warm start after a
   *  command: only the components it changed are solved again). */
  readonly cache?: ComponentCache;
  /** Progress callback (phase name, phases done, phases total). */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

export interface SecurityFigures {
  /** No attack with profit > 0 exists (exact); null when undecided: a time or node budget stopped the
   *  proof, or in heuristic mode the greedy search found no profitable attack and the closed-form bound does
   *  not prove security. */
  readonly secure: boolean | null;
  /** The most profitable attack (profit may be ≤ 0), or null when no service has PfC > 0. */
  readonly bestAttack: Attack | null;
  readonly bestAttackExact: boolean;
  /** Proven upper bound on the best profit (equals its profit when exact). */
  readonly profitUpperBound: Rational | null;
  readonly slack: SlackResult;
  readonly operatorCondition: OperatorConditionResult;
  readonly worstLoss: WorstLossResult | null;
}

export interface AnalyzeReport extends SecurityFigures {
  /** Heuristic mode (`heuristicOnly`): no solver ran; only the figures marked exact are proven. */
  readonly heuristic: boolean;
  /** The command log the network was derived from (commands, failed ones skipped), if any. */
  readonly source: CommandLogSource | null;
  /** The Byzantine-service shock applied first (figures above are of the residual network). */
  readonly byzantine: { readonly services: readonly string[]; readonly slashed: Rational } | null;
  readonly cascade: CascadeResult | null;
  readonly size: {
    readonly operators: number;
    readonly services: number;
    readonly allocations: number;
    readonly totalStake: Rational;
    readonly totalPfc: Rational;
  };
}

/**
 * Security analysis of a network view (SPEC §5): exact best attack and verdict, slack γ*, the
 * per-operator condition, and optionally R_ψ, a Byzantine-service shock (the figures are then those of
 * the residual network; `byzantine` names the shock) and a cascade simulation. Pure apart from the solver.
 */
export async function analyzeNetwork(network: Network, options: AnalyzeOptions = {}): Promise<AnalyzeReport> {
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const left = (share: number): number => Math.max(((deadline - Date.now()) / 1000) * share, 0.05);
  const phases = 3 + (options.psi ? 1 : 0) + (options.cascade ? 1 : 0);
  let done = 0;
  const progress = (phase: string): void => options.onProgress?.(phase, done++, phases);
  let target = network;
  let byz: AnalyzeReport['byzantine'] = null;
  if (options.byzantine && options.byzantine.length > 0) {
    const shock = byzantineShock(network, options.byzantine);
    if (!shock.ok) throw new Error(`assertion failed: ${shock.error.message}`);
    target = shock.value.residual;
    byz = { services: shock.value.services, slashed: shock.value.totalSlashed };
  }
  const ix = indexNetwork(target);
  const figures = await securityFigures(ix, options, left, progress);
  let cas: CascadeResult | null = null;
  if (options.cascade) {
    progress('cascade');
    cas = await cascade(target, { ...nodes(options), timeLimitS: left(1), heuristic: options.heuristicOnly === true });
  }
  options.onProgress?.('done', phases, phases);
  return {
    ...figures,
    heuristic: options.heuristicOnly === true,
    source: network.source ?? null,
    byzantine: byz,
    cascade: cas,
    size: {
      operators: ix.opIds.length,
      services: ix.svcIds.length,
      allocations: ix.edges.length,
      totalStake: ix.totalStake,
      totalPfc: ix.totalPfc,
    },
  };
}

export async function securityFigures(
  ix: IndexedNetwork,
  options: AnalyzeOptions,
  left: (share: number) => number,
  progress: (phase: string) => void,
): Promise<SecurityFigures> {
  if (options.heuristicOnly) return heuristicFigures(ix, options.psi, progress);
  const cover = coverBounds(ix);
  const warm = warmEntry(options.cache, ix);
  // with a cache and a network secure before the command: γ* first; proven ≥ 0, it proves "secure" and that no
  // attack has profit > 0, so the best-attack search (which reports only profitable ones) is not needed
  const early = warm?.secure === true ? await slackSearch(ix, options, left, null, progress) : null;
  const provenSafe = early !== null && early.exact && early.gamma !== null && early.gamma.sign() >= 0;
  if (!provenSafe) progress('best attack');
  const best: BestAttackResult = provenSafe
    ? { attack: null, exact: true, profitUpperBound: Rational.ZERO }
    : await bestAttackDecomposed(ix, { ...nodes(options), timeLimitS: left(options.psi ? 0.35 : 0.5) }, options.cache);
  const profitable = best.attack !== null && best.attack.profit.sign() > 0;
  const provenSecure =
    best.exact ||
    (best.profitUpperBound !== null && best.profitUpperBound.sign() <= 0) ||
    cover === null ||
    cover.profitUpperBound.sign() <= 0;
  const secure = profitable ? false : provenSecure ? true : null;
  if (warm) warm.secure = secure === true;
  const sl = tightenSlack(early ?? (await slackSearch(ix, options, left, best.attack, progress)), secure, cover, best.attack);
  progress('operator condition');
  const oc = operatorCondition(ix, warm ? (warm.condition ??= newOperatorConditionMemo()) : undefined);
  let wl: WorstLossResult | null = null;
  if (options.psi) {
    progress('worst loss');
    const slackLowerBound = sl.exact ? sl.gamma : sl.lowerBound;
    const wo = { ...nodes(options), timeLimitS: left(1), slackLowerBound };
    // with a cache: a warm start from the proof kept by the analysis before the command (issue 14)
    wl = withSlackBound(await (warm ? worstLossWarm(ix, options.psi, wo, warm) : worstLoss(ix, options.psi, wo)), sl);
  }
  const none = secure === true && !profitable;
  return {
    secure,
    bestAttack: best.attack,
    bestAttackExact: best.exact || none,
    profitUpperBound: none ? Rational.ZERO : best.profitUpperBound,
    slack: sl,
    operatorCondition: oc,
    worstLoss: wl,
  };
}

/** γ* (per component, warm with a cache), the best attack (when known) among its hints. */
async function slackSearch(
  ix: IndexedNetwork,
  options: AnalyzeOptions,
  left: (share: number) => number,
  bestAttack: Attack | null,
  progress: (phase: string) => void,
): Promise<SlackResult> {
  progress('slack');
  return slackDecomposed(
    ix,
    // full restaking: one parametric tree with the cover bound proves γ* (bundled mainnet network: 3 s, where
    // Dinkelbach's HiGHS search steps stall on the 1e-6 stake grid)
    {
      ...nodes(options),
      timeLimitS: left(options.psi ? 0.5 : 1),
      hints: [bestAttack],
      ...(fullRestaking(ix) ? { method: 'parametric' as const } : {}),
    },
    options.cache,
  );
}

/**
 * `heuristicOnly`: no solver. The greedy attack and the greedy slack search give real attacks (a
 * profitable one proves "not secure" exactly; otherwise they are lower bounds on the best profit and upper
 * bounds on γ*); the closed-form cover bounds give the proven other side (and prove "secure" when the
 * profit bound is ≤ 0); R_ψ is a heuristic lower bound (a real shock and greedy cascade).
 */
export function heuristicFigures(ix: IndexedNetwork, psi: Rational | undefined, progress: (phase: string) => void): SecurityFigures {
  const h = heuristicSecurity(ix, progress);
  progress('operator condition');
  const oc = operatorCondition(ix);
  let wl: WorstLossResult | null = null;
  if (psi) {
    progress('worst loss');
    wl = withSlackBound(greedyWorstLoss(ix, psi), h.slack);
  }
  return { ...h, operatorCondition: oc, worstLoss: wl };
}

/** The heuristic verdict, best attack and γ* of `heuristicFigures` without the operator condition and R_ψ. */
export type HeuristicSecurity = Omit<SecurityFigures, 'operatorCondition' | 'worstLoss'>;

/**
 * The search part of `heuristicFigures` (greedy attacks, greedy slack, closed-form cover bounds). Live metrics
 * use it alone: the per-operator condition is already in each operator's certificate margin, so computing it
 * again network-wide would double the cost of every update.
 */
export function heuristicSecurity(ix: IndexedNetwork, progress: (phase: string) => void): HeuristicSecurity {
  const cover = coverBounds(ix);
  progress('best attack');
  const greedy = [greedyAttack(ix)?.attack ?? null, operatorClimb(ix, 'profit')];
  progress('slack');
  const sl0 = greedySlack(ix, greedy);
  let found: Attack | null = null;
  for (const a of [...greedy, sl0.attack]) if (a && a.profit.sign() > 0 && (found === null || a.profit.gt(found.profit))) found = a;
  const secure = found ? false : cover === null || cover.profitUpperBound.sign() <= 0 ? true : null;
  const profitUpperBound = cover === null ? null : secure === true ? Rational.ZERO : cover.profitUpperBound;
  return {
    secure,
    bestAttack: found,
    bestAttackExact: secure === true || (found !== null && profitUpperBound !== null && found.profit.gte(profitUpperBound)),
    profitUpperBound,
    slack: tightenSlack(sl0, secure, cover, found),
  };
}

/**
 * Combines a slack result with what else is proven or found: γ* ≥ 0 when the network is proven secure
 * (every coalition's cost ≥ its PfC), γ* ≥ the closed-form cover bound, and γ* ≤ the ratio − 1 of any
 * real attack (e.g. the best attack). A lower bound that meets the upper bound makes γ* exact.
 */
function tightenSlack(s: SlackResult, secure: boolean | null, cover: CoverBounds | null, other: Attack | null): SlackResult {
  if (s.exact || s.gamma === null || s.attack === null) return s;
  let [gamma, attack] = [s.gamma, s.attack];
  if (other && other.revenue.sign() > 0) {
    const g = other.cost.div(other.revenue).sub(Rational.ONE);
    if (g.lt(gamma)) [gamma, attack] = [g, other];
  }
  let lower = s.lowerBound ?? Rational.of(-1n);
  if (cover) lower = lower.max(cover.slackLowerBound);
  if (secure === true) lower = lower.max(Rational.ZERO);
  if (lower.gte(gamma)) return { gamma, attack, exact: true, lowerBound: null };
  return { gamma, attack, exact: false, lowerBound: lower };
}

function nodes(options: AnalyzeOptions): { nodesMax?: number } {
  return options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {};
}

/** R_ψ < (1 + 1/γ)·ψ for any proven γ ≤ γ* with γ > 0 (Durvasula–Roughgarden): tightens an unproven bound. */
export function withSlackBound(w: WorstLossResult, s: SlackResult): WorstLossResult {
  const g = s.exact ? s.gamma : s.lowerBound;
  if (w.exact || !g || g.sign() <= 0) return w;
  const theory = w.psi.add(w.psi.div(g)).min(Rational.ONE);
  return { ...w, upperBound: w.upperBound ? w.upperBound.min(theory) : theory };
}
