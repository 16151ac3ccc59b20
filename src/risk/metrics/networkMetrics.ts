import { heuristicSecurity, withSlackBound, type HeuristicSecurity } from '../analyzeNetwork.js';
import { exactString } from '../exactString.js';
import { greedyWorstLoss } from '../fastBounds.js';
import type { IndexedNetwork } from '../indexNetwork.js';
import { parseFraction } from './parseFraction.js';
import type { WorstLossResult } from '../worstLoss.js';
import { meanRestakingDegree, serviceNakamoto, stakeHhi } from './concentration.js';
import { bounded, exact, proven, type Figure, type Stamp } from './figure.js';
import { standardPsis, type NetworkMetrics, type OperatorMetrics } from './riskMetrics.js';

/** The network figures a search decides (verdict, best profit, γ*, R_ψ): heuristic after each block, exact in jobs. */
export type SecurityMetrics = Pick<NetworkMetrics, 'secure' | 'bestAttackProfit' | 'slack' | 'worstLoss'>;

/** The security verdict, best profit, γ* and R_ψ figures from an analysis (heuristic or exact). */
export function securityMetrics(at: Stamp, f: HeuristicSecurity, worst: readonly WorstLossResult[]): SecurityMetrics {
  const best = f.bestAttack;
  const profit = best ? exactString(best.profit) : null;
  const bestAttackProfit: Figure<string | null> =
    f.bestAttackExact && (best !== null || f.profitUpperBound === null)
      ? proven(at, profit)
      : bounded(at, profit, best ? best.profit : null, f.profitUpperBound);
  const s = f.slack;
  const gamma = s.gamma === null ? null : exactString(s.gamma);
  const slack: Figure<string | null> = s.exact ? proven(at, gamma) : bounded(at, gamma, s.lowerBound, s.gamma);
  const worstLoss: Record<string, Figure<string>> = {};
  for (const w of worst) {
    const key = standardPsis.find((p) => parseFraction(p).eq(w.psi)) ?? exactString(w.psi);
    worstLoss[key] = w.exact ? exact(at, w.loss) : bounded(at, exactString(w.loss), w.loss, w.upperBound);
  }
  return {
    secure: f.secure === null ? bounded<boolean>(at, null, null, null) : proven(at, f.secure),
    bestAttackProfit,
    slack,
    worstLoss,
  };
}

/** Operators whose certificate margin is negative (exactString keeps the sign of any nonzero value). */
export function certificateFailures(operators: Readonly<Record<string, OperatorMetrics>>): number {
  let n = 0;
  for (const m of Object.values(operators)) if (m.certificateMargin.proven && String(m.certificateMargin.value).startsWith('-')) n++;
  return n;
}

/**
 * The heuristic security figures (SPEC §10 fast figures): the search of `analyze --heuristic` (greedy attacks and
 * local search for the found side, closed-form cover bounds for the proven side; R_ψ at 1/5/10 % from a real
 * shock and greedy cascade, bounded above by the slack bound when γ* > 0 is proven). No solver, but global: the
 * costliest fast figures, which live risk publishes right after the per-entity ones.
 */
export function heuristicSecurityMetrics(ix: IndexedNetwork, at: Stamp): SecurityMetrics {
  const f = heuristicSecurity(ix, () => undefined);
  const worst = standardPsis.map((p) => withSlackBound(greedyWorstLoss(ix, parseFraction(p)), f.slack));
  return securityMetrics(at, f, worst);
}

/** Every fast network figure: the heuristic security figures and the structural ones. */
export function fastNetworkMetrics(ix: IndexedNetwork, at: Stamp, lrtDepth: number | null, failures: number): NetworkMetrics {
  return { ...heuristicSecurityMetrics(ix, at), ...structuralMetrics(ix, at, lrtDepth, failures) };
}

/** The network figures that need no search. */
export type StructuralMetrics = Omit<NetworkMetrics, keyof SecurityMetrics>;

/** The figures that need no search: certificate failures (counted from the operators' margins), totals, HHI,
 *  Nakamoto, mean degree, LRT depth (all exact). */
export function structuralMetrics(ix: IndexedNetwork, at: Stamp, lrtDepth: number | null, failures: number): StructuralMetrics {
  let nakamoto: number | null = null;
  for (const s of ix.svcIds.keys()) {
    const k = serviceNakamoto(ix, s);
    nakamoto = nakamoto === null ? k : Math.min(nakamoto, k);
  }
  return {
    certificateFailures: proven(at, failures),
    totalStake: exact(at, ix.totalStake),
    totalPfc: exact(at, ix.totalPfc),
    stakeHhi: exact(at, stakeHhi(ix)),
    nakamoto: proven(at, nakamoto),
    meanRestakingDegree: exact(at, meanRestakingDegree(ix)),
    lrtDepth: proven(at, lrtDepth),
  };
}
