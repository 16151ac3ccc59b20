import type { MetricsSnapshot } from './computeMetrics.js';
import { changedFigures, flattenFigures } from './figureTree.js';
import { heuristicSecurityMetrics } from './networkMetrics.js';

/**
 * Computes the heuristic security figures an `updateMetrics(…, { deferSecurity: true })` left pending, on the
 * snapshot's own network and stamp: afterwards the metrics equal `computeMetrics` of that state. `changed` lists
 * the network figures whose value, proof status or bounds differ from the stale ones. A snapshot with nothing
 * pending is returned as it is.
 */
export function completeSecurity(snap: MetricsSnapshot): { readonly snapshot: MetricsSnapshot; readonly changed: readonly string[] } {
  if (snap.securityPending !== true) return { snapshot: snap, changed: [] };
  const m = snap.metrics;
  const security = heuristicSecurityMetrics(snap.index, m.at);
  const before = flattenFigures(
    { secure: m.network.secure, bestAttackProfit: m.network.bestAttackProfit, slack: m.network.slack, worstLoss: m.network.worstLoss },
    '/network',
  );
  return {
    snapshot: { ...snap, metrics: { ...m, network: { ...m.network, ...security } }, securityPending: false },
    changed: changedFigures(before, flattenFigures(security, '/network')),
  };
}
