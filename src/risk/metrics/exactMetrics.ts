import { securityFigures, withSlackBound } from '../analyzeNetwork.js';
import { indexNetwork } from '../indexNetwork.js';
import type { Network } from '../network.js';
import { worstLoss } from '../worstLoss.js';
import { exactCostToCorrupt } from './costToCorrupt.js';
import { costFigures } from './entityMetrics.js';
import { proven, type Stamp } from './figure.js';
import { securityMetrics } from './networkMetrics.js';
import { parseFraction } from './parseFraction.js';
import { standardPsis, type NetworkMetrics, type RiskMetrics, type ServiceMetrics } from './riskMetrics.js';

/** The figures only a solver proves (SPEC §10 "exact figures"), computed by an `analyze` job on one state. */
export interface ExactMetrics {
  readonly at: Stamp;
  readonly network: Pick<NetworkMetrics, 'secure' | 'bestAttackProfit' | 'slack' | 'worstLoss' | 'certificateFailures'>;
  readonly services: Readonly<Record<string, Pick<ServiceMetrics, 'costToCorrupt' | 'margin'>>>;
}

export interface ExactMetricsOptions {
  /** Branch-and-bound nodes per solver run (reproducible budget); omitted: unlimited. */
  readonly nodesMax?: number;
  readonly timeLimitS?: number;
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

/**
 * Exact security figures (best attack, verdict, γ*, R_ψ at 1/5/10 %) with the exact engine of `analyze`, and the
 * exact cost to corrupt each service alone (0/1 program). Figures a budget stops stay bounds (proven: false).
 */
export async function computeExactMetrics(network: Network, at: Stamp, o: ExactMetricsOptions = {}): Promise<ExactMetrics> {
  const ix = indexNetwork(network);
  const budget = { ...(o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {}) };
  const total = 2 + standardPsis.length;
  let done = 0;
  const step = (phase: string): void => o.onProgress?.(phase, done++, total);
  const deadline = Date.now() + (o.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const left = (share: number): number => Math.max(((deadline - Date.now()) / 1000) * share, 0.05);
  step('security');
  const f = await securityFigures(ix, budget, left, () => undefined);
  const slackLowerBound = f.slack.exact ? f.slack.gamma : f.slack.lowerBound;
  const worst = [];
  for (const p of standardPsis) {
    step(`worst loss ${p}`);
    worst.push(withSlackBound(await worstLoss(ix, parseFraction(p), { ...budget, timeLimitS: left(0.3), slackLowerBound }), f.slack));
  }
  step('cost to corrupt');
  const services: Record<string, Pick<ServiceMetrics, 'costToCorrupt' | 'margin'>> = {};
  for (const [s, id] of ix.svcIds.entries()) {
    services[id] = costFigures(at, ix.pfc[s]!, await exactCostToCorrupt(ix, s, { ...budget, timeLimitS: left(0.5) }));
  }
  o.onProgress?.('done', total, total);
  let failures = 0;
  for (const e of f.operatorCondition.operators.values()) if (!e.holds) failures++;
  return { at, network: { ...securityMetrics(at, f, worst), certificateFailures: proven(at, failures) }, services };
}

/**
 * Replaces bounds by the exact job's figures when both describe the same state (same stateHash); metrics of
 * another state are returned unchanged (a late job never overwrites fresher figures).
 */
export function withExactMetrics(m: RiskMetrics, e: ExactMetrics): RiskMetrics {
  if (e.at.stateHash !== m.at.stateHash) return m;
  const services = Object.fromEntries(Object.entries(m.services).map(([id, s]) => [id, e.services[id] ? { ...s, ...e.services[id] } : s]));
  return { ...m, network: { ...m.network, ...e.network }, services };
}
