import type { AlertEvent, SlashEvent } from '../../risk/alerts/alertRule.js';
import type { JobRunner } from '../../jobs/jobRunner.js';
import { completeSecurity } from '../../risk/metrics/completeSecurity.js';
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

/**
 * What live risk publishes (SSE): fresh figures after a commit, exact figures once proven, alert events. A commit
 * gives two `metrics` events for the same `at`: the first right after the commit, with `pending` naming the
 * network figures that still describe the previous state (the heuristic security search), the second once those
 * are recomputed (no `pending`).
 */
export type LiveRiskEvent =
  | { readonly type: 'metrics'; readonly at: Stamp; readonly changed: readonly string[]; readonly pending?: readonly string[] }
  | { readonly type: 'exact'; readonly at: Stamp }
  /** The exact job of `at` failed (queue down, worker lost, budget): the bounds stay; `retryable` as in JobOutcome. */
  | { readonly type: 'exactFailed'; readonly at: Stamp; readonly code: string; readonly message: string; readonly retryable: boolean }
  | { readonly type: 'alert'; readonly event: AlertEvent };

export interface LiveRisk {
  metrics(): RiskMetrics;
  /** Resolves when every figure of the current state is computed and its exact job applied (or failed). */
  settled(): Promise<void>;
  close(): void;
}

const stampOf = (h: Head): Stamp => ({ block: h.block, seq: h.seq, stateHash: h.stateHash });

/** The network figures a deferred update leaves describing the previous state until the second publish. */
export const pendingSecurityPaths: readonly string[] = [
  '/network/secure',
  '/network/bestAttackProfit',
  '/network/slack',
  '/network/worstLoss',
];

/**
 * Keeps the standard metrics current on a ledger service (SPEC §10 freshness). After each commit, synchronously,
 * the per-entity, exposure and structural figures are updated incrementally and published; the network's
 * heuristic security search (a global search, the costliest fast figure) runs next, off the commit path, for the
 * newest state only, and is published again. Then an `analyze` job (when a runner is given) proves the exact
 * figures of that state, which replace the bounds if the state is still current. Alert rules are evaluated on
 * every publish. The HTTP adapter serves `metrics()` on GET /v1/risk… and forwards `publish` to SSE.
 */
export function liveRisk(o: LiveRiskOptions): LiveRisk {
  const state0 = o.service.state();
  const st: LiveState = {
    snap: computeMetrics({ network: networkFromLedger(state0), state: state0, at: stampOf(o.service.head()) }),
    closed: false,
  };
  const alert = (before: RiskMetrics | null, slashes: readonly SlashEvent[]): void => {
    if (!o.alerts) return;
    const publish = (event: AlertEvent): void => o.publish({ type: 'alert', event });
    dispatchAlerts({ ...o.alerts, publish, before, after: st.snap.metrics, slashes });
  };
  let exact: Promise<void> = proveExact(o, st);
  // the second phase: off the commit path, on the newest snapshot (commits arriving meanwhile are coalesced)
  let second: Promise<void> = Promise.resolve();
  let scheduled = false;
  const secondPhase = (): void => {
    scheduled = false;
    if (st.closed) return;
    const before = st.snap.metrics;
    const done = completeSecurity(st.snap);
    st.snap = done.snapshot;
    o.publish({ type: 'metrics', at: st.snap.metrics.at, changed: done.changed });
    alert(before, []);
    exact = proveExact(o, st);
  };
  const unsubscribe = o.service.onCommit((ev) => {
    const state = o.service.state();
    const before = st.snap.metrics;
    const up = updateMetrics(st.snap, { network: networkFromLedger(state), state, at: stampOf(ev.head) }, { deferSecurity: true });
    st.snap = up.snapshot;
    o.publish({
      type: 'metrics',
      at: st.snap.metrics.at,
      changed: up.changed,
      ...(up.securityPending ? { pending: pendingSecurityPaths } : {}),
    });
    alert(before, slashesOf(ev.entries));
    if (!up.securityPending) exact = proveExact(o, st);
    else if (!scheduled) {
      scheduled = true;
      // setImmediate: the first publish (SSE writes, the commit's HTTP answer) goes out before the search runs;
      // a search that throws leaves the stale figures in place, their stamps saying which state they describe
      second = new Promise<void>((resolve) => setImmediate(resolve)).then(secondPhase).catch(() => undefined);
    }
  });
  return {
    metrics: () => st.snap.metrics,
    async settled() {
      // until neither a second phase nor an exact job was started while waiting for the previous ones
      for (let seen: [Promise<void>, Promise<void>] | null = null; seen?.[0] !== second || seen[1] !== exact;) {
        seen = [second, exact];
        await Promise.all(seen);
      }
    },
    close: () => {
      st.closed = true;
      unsubscribe();
    },
  };
}

export interface LiveRiskOptions {
  readonly service: LedgerServiceApi;
  readonly publish: (e: LiveRiskEvent) => void;
  readonly runner?: JobRunner;
  readonly exactNodesMax?: number;
  readonly alerts?: { readonly book: AlertRuleBook; readonly delivery: WebhookDelivery };
}

/** The newest snapshot (replaced on every commit and second phase) and whether live risk was closed. */
interface LiveState {
  snap: MetricsSnapshot;
  closed: boolean;
}

/**
 * Runs the `analyze` job of the current snapshot's state and, if that state is still current and its security search
 * done, puts the exact figures in. A failed proof leaves the bounds in place; the next state tries again.
 */
function proveExact(o: LiveRiskOptions, st: LiveState): Promise<void> {
  if (!o.runner || st.closed) return Promise.resolve();
  const at = st.snap.metrics.at;
  const params = { block: at.block, seq: at.seq, ...(o.exactNodesMax !== undefined ? { nodesMax: o.exactNodesMax } : {}) };
  return o.runner.run({ kind: 'analyze', stateHash: at.stateHash, params }, networkJson(st.snap.network)).then(
    (out) => {
      if (out.status === 'failed') o.publish({ type: 'exactFailed', at, code: out.code, message: out.message, retryable: out.retryable });
      if (out.status !== 'done' || st.snap.metrics.at.stateHash !== at.stateHash || st.snap.securityPending === true) return;
      st.snap = { ...st.snap, metrics: withExactMetrics(st.snap.metrics, out.result as ExactMetrics) };
      o.publish({ type: 'exact', at });
    },
    () => undefined,
  );
}
