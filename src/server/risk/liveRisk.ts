import type { AlertEvent } from '../../risk/alerts/alertRule.js';
import type { JobRunner } from '../../jobs/jobRunner.js';
import { computeMetrics, type MetricsSnapshot } from '../../risk/metrics/computeMetrics.js';
import { withExactMetrics, type ExactMetrics } from '../../risk/metrics/exactMetrics.js';
import type { Stamp } from '../../risk/metrics/figure.js';
import type { RiskMetrics } from '../../risk/metrics/riskMetrics.js';
import { updateMetrics } from '../../risk/metrics/updateMetrics.js';
import { networkFromLedger } from '../../risk/networkFromLedger.js';
import { networkJson } from '../../risk/networkJson.js';
import { dispatchAlerts, slashesOf } from '../alerts/alertDispatcher.js';
import type { AlertRuleBook } from '../alerts/alertRuleBook.js';
import type { WebhookDelivery } from '../alerts/webhookDelivery.js';
import type { Head, LedgerServiceApi } from '../service/serviceApi.js';

/** What live risk publishes (SSE): fresh figures after a commit, exact figures once proven, alert events. */
export type LiveRiskEvent =
  | { readonly type: 'metrics'; readonly at: Stamp; readonly changed: readonly string[] }
  | { readonly type: 'exact'; readonly at: Stamp }
  | { readonly type: 'alert'; readonly event: AlertEvent };

export interface LiveRisk {
  metrics(): RiskMetrics;
  /** Resolves when the exact job of the current state has been applied (or failed). */
  settled(): Promise<void>;
  close(): void;
}

const stampOf = (h: Head): Stamp => ({ block: h.block, seq: h.seq, stateHash: h.stateHash });

/**
 * Keeps the standard metrics current on a ledger service (SPEC §10 freshness): after each commit the fast figures
 * are updated incrementally and published; an `analyze` job (when a runner is given) proves the exact figures of
 * that state, which replace the bounds if the state is still current; alert rules are evaluated on every update.
 * The HTTP adapter serves `metrics()` on GET /v1/risk… and forwards `publish` to SSE.
 */
export function liveRisk(o: {
  readonly service: LedgerServiceApi;
  readonly publish: (e: LiveRiskEvent) => void;
  readonly runner?: JobRunner;
  readonly exactNodesMax?: number;
  readonly alerts?: { readonly book: AlertRuleBook; readonly delivery: WebhookDelivery };
}): LiveRisk {
  const state0 = o.service.state();
  let snap: MetricsSnapshot = computeMetrics({ network: networkFromLedger(state0), state: state0, at: stampOf(o.service.head()) });
  let exact: Promise<void> = Promise.resolve();
  const prove = (): void => {
    if (!o.runner) return;
    const at = snap.metrics.at;
    const params = { block: at.block, seq: at.seq, ...(o.exactNodesMax !== undefined ? { nodesMax: o.exactNodesMax } : {}) };
    exact = o.runner.run({ kind: 'analyze', stateHash: at.stateHash, params }, networkJson(snap.network)).then(
      (out) => {
        if (out.status !== 'done' || snap.metrics.at.stateHash !== at.stateHash) return;
        snap = { ...snap, metrics: withExactMetrics(snap.metrics, out.result as ExactMetrics) };
        o.publish({ type: 'exact', at });
      },
      () => undefined,
    ); // a failed proof leaves the bounds in place; the next state tries again
  };
  const unsubscribe = o.service.onCommit((ev) => {
    const state = o.service.state();
    const before = snap.metrics;
    const up = updateMetrics(snap, { network: networkFromLedger(state), state, at: stampOf(ev.head) });
    snap = up.snapshot;
    o.publish({ type: 'metrics', at: snap.metrics.at, changed: up.changed });
    if (o.alerts) {
      const publish = (event: AlertEvent): void => o.publish({ type: 'alert', event });
      dispatchAlerts({ ...o.alerts, publish, before, after: snap.metrics, slashes: slashesOf(ev.entries) });
    }
    prove();
  });
  prove();
  return {
    metrics: () => snap.metrics,
    settled: () => exact,
    close: unsubscribe,
  };
}
