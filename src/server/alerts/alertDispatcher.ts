import type { AlertEvent, SlashEvent } from '../../risk/alerts/alertRule.js';
import { evaluateAlerts } from '../../risk/alerts/evaluateAlerts.js';
import type { RiskMetrics } from '../../risk/metrics/riskMetrics.js';
import type { LogEntry } from '../service/serviceApi.js';
import type { AlertRuleBook } from './alertRuleBook.js';
import type { WebhookDelivery } from './webhookDelivery.js';

/** The slashes among committed log entries (the `slash` command names set, operator and vault). */
export function slashesOf(entries: readonly LogEntry[]): SlashEvent[] {
  const out: SlashEvent[] = [];
  for (const e of entries) {
    const c = e.envelope.command;
    if (c.type !== 'slash' || typeof c.operator !== 'string' || typeof c.set !== 'string') continue;
    out.push({ operator: c.operator, set: c.set, vaults: typeof c.vault === 'string' ? [c.vault] : [], seq: e.seq });
  }
  return out;
}

/**
 * After each metrics update: evaluates every rule, publishes each event (SSE, by the caller's `publish`) and queues
 * its webhook delivery when the rule has one. Returns the events.
 */
export function dispatchAlerts(o: {
  readonly book: AlertRuleBook;
  readonly delivery: WebhookDelivery;
  readonly publish: (event: AlertEvent) => void;
  readonly before: RiskMetrics | null;
  readonly after: RiskMetrics;
  readonly slashes: readonly SlashEvent[];
}): AlertEvent[] {
  const events = evaluateAlerts(o.book.all(), o.before, o.after, o.slashes);
  for (const ev of events) {
    o.publish(ev);
    const rule = o.book.get(ev.ruleId);
    if (rule?.webhook) o.delivery.enqueue(ev, rule.webhook, rule.secret);
  }
  return events;
}
