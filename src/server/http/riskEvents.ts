import type { JobProgress } from '../../jobs/jobSpec.js';
import type { LiveRiskEvent } from '../risk/liveRisk.js';
import type { EventHub } from './eventStream.js';

/** Figure ids listed in one `metrics` event; beyond, the event says how many changed and lists the first ones. */
export const changedIdsMax = 500;
/** Least time (ms) between two `job` events of the same job (the final one, done = total, always goes out). */
export const jobEventIntervalMs = 250;
/** Jobs whose last progress time is remembered for the throttle. */
const jobsTrackedMax = 1000;

/**
 * The live risk events on GET /v1/events (docs/server.md "Events"): `metrics` (stamp and the ids of the figures
 * that changed), `exact` (proven figures replaced the bounds of that stamp), `alert` (the alert event: no webhook
 * URL, no secret) and `job` (progress of a risk job). All are live-only (see EventHub.publishLive).
 */
export function riskEvents(hub: EventHub, nowMs: () => number = Date.now) {
  const lastJobEvent = new Map<string, number>();
  return {
    publish(e: LiveRiskEvent): void {
      if (e.type === 'metrics') {
        const changed = e.changed.slice(0, changedIdsMax);
        hub.publishLive('metrics', { ...e.at, changed, changedCount: e.changed.length, truncated: e.changed.length > changed.length });
      } else if (e.type === 'exact') hub.publishLive('exact', { ...e.at });
      else {
        const { id, ruleId, owner, kind, block, seq, stateHash, subject, before, after } = e.event;
        hub.publishLive('alert', { id, ruleId, owner, kind, block, seq, stateHash, subject, before, after });
      }
    },
    jobProgress(p: JobProgress): void {
      const t = nowMs();
      const last = lastJobEvent.get(p.key);
      const final = p.done >= p.total;
      if (!final && last !== undefined && t - last < jobEventIntervalMs) return;
      if (final) lastJobEvent.delete(p.key);
      else {
        if (lastJobEvent.size >= jobsTrackedMax) lastJobEvent.clear();
        lastJobEvent.set(p.key, t);
      }
      hub.publishLive('job', { key: p.key, kind: p.kind, done: p.done, total: p.total });
    },
  };
}
