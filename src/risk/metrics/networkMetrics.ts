import { heuristicFigures, withSlackBound, type SecurityFigures } from '../analyzeNetwork.js';
import { exactString } from '../exactString.js';
import { greedyWorstLoss } from '../fastBounds.js';
import type { IndexedNetwork } from '../indexNetwork.js';
import { parseFraction } from './parseFraction.js';
import type { WorstLossResult } from '../worstLoss.js';
import { meanRestakingDegree, serviceNakamoto, stakeHhi } from './concentration.js';
import { bounded, exact, proven, type Figure, type Stamp } from './figure.js';
import { standardPsis, type NetworkMetrics } from './riskMetrics.js';

/** The security verdict, best profit, γ* and R_ψ figures from an analysis (heuristic or exact). */
export function securityMetrics(
  at: Stamp,
  f: SecurityFigures,
  worst: readonly WorstLossResult[],
): Pick<NetworkMetrics, 'secure' | 'bestAttackProfit' | 'slack' | 'worstLoss' | 'certificateFailures'> {
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
  let failures = 0;
  for (const e of f.operatorCondition.operators.values()) if (!e.holds) failures++;
  return {
    secure: f.secure === null ? bounded<boolean>(at, null, null, null) : proven(at, f.secure),
    bestAttackProfit,
    slack,
    worstLoss,
    certificateFailures: proven(at, failures),
  };
}

/**
 * Fast network figures (SPEC §10): the heuristic analysis of `analyze --heuristic` (greedy attacks and local
 * search for the found side, closed-form cover bounds for the proven side; R_ψ at 1/5/10 % from a real shock
 * and greedy cascade, bounded above by the slack bound when γ* > 0 is proven) plus exact totals and
 * concentration figures. No solver: about a second on 2,000 × 100.
 */
export function fastNetworkMetrics(ix: IndexedNetwork, at: Stamp, lrtDepth: number | null): NetworkMetrics {
  const f = heuristicFigures(ix, undefined, () => undefined);
  const worst = standardPsis.map((p) => withSlackBound(greedyWorstLoss(ix, parseFraction(p)), f.slack));
  return { ...securityMetrics(at, f, worst), ...structuralMetrics(ix, at, lrtDepth) };
}

/** The figures that need no search: totals, HHI, Nakamoto, mean degree, LRT depth (all exact). */
export function structuralMetrics(
  ix: IndexedNetwork,
  at: Stamp,
  lrtDepth: number | null,
): Pick<NetworkMetrics, 'totalStake' | 'totalPfc' | 'stakeHhi' | 'nakamoto' | 'meanRestakingDegree' | 'lrtDepth'> {
  let nakamoto: number | null = null;
  for (const s of ix.svcIds.keys()) {
    const k = serviceNakamoto(ix, s);
    nakamoto = nakamoto === null ? k : Math.min(nakamoto, k);
  }
  return {
    totalStake: exact(at, ix.totalStake),
    totalPfc: exact(at, ix.totalPfc),
    stakeHhi: exact(at, stakeHhi(ix)),
    nakamoto: proven(at, nakamoto),
    meanRestakingDegree: exact(at, meanRestakingDegree(ix)),
    lrtDepth: proven(at, lrtDepth),
  };
}
