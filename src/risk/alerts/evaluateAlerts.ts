import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Figure } from '../metrics/figure.js';
import type { RiskMetrics } from '../metrics/riskMetrics.js';
import type { AlertEvent, AlertRule, SlashEvent } from './alertRule.js';
import { exactValue } from './exactValue.js';

/** The figure at a path of the metrics document ("/services/x/margin", "/network/worstLoss/1/100" is "/network/worstLoss/1%2F100"). */
export function figureAt(m: RiskMetrics | null, path: string): Figure | null {
  if (!m) return null;
  let node: unknown = m;
  for (const part of path.split('/').slice(1)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, decodeURIComponent(part))) return null;
    node = (node as Record<string, unknown>)[decodeURIComponent(part)];
  }
  return typeof node === 'object' && node !== null && 'proven' in node ? (node as Figure) : null;
}

function beyond(f: Figure | null, direction: 'above' | 'below', threshold: string): boolean {
  const v = f ? exactValue(f.value) : null;
  const t = exactValue(threshold);
  if (v === null || t === null) return false;
  return direction === 'above' ? v.gt(t) : v.lt(t);
}

function eventId(ruleId: string, stateHash: string, subject: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(`${ruleId}\u0000${stateHash}\u0000${subject}`)));
}

/**
 * Evaluates rules on a state change (pure, SPEC §10): a threshold fires when its figure crosses it (was not beyond,
 * is now), a verdict when its boolean figure changes to a known value, an exposure when the total rises above its
 * limit, a slash when a committed slash names the entity. `before` is null for the first state (a figure already
 * beyond its threshold then fires once). Event ids hash (rule, state, subject): re-evaluating the same change gives
 * the same ids, so receivers de-duplicate.
 */
export function evaluateAlerts(
  rules: readonly AlertRule[],
  before: RiskMetrics | null,
  after: RiskMetrics,
  slashes: readonly SlashEvent[],
): AlertEvent[] {
  const events: AlertEvent[] = [];
  const emit = (rule: AlertRule, subject: string, b: unknown, a: unknown): void => {
    events.push({
      id: eventId(rule.id, after.at.stateHash, subject),
      ruleId: rule.id,
      owner: rule.owner,
      kind: rule.condition.kind,
      block: after.at.block,
      seq: after.at.seq,
      stateHash: after.at.stateHash,
      subject,
      before: b,
      after: a,
    });
  };
  for (const rule of rules) {
    const c = rule.condition;
    if (c.kind === 'threshold' || c.kind === 'exposure') {
      const path = c.kind === 'threshold' ? c.metric : `/${c.target === 'vault' ? 'vaults' : 'lrts'}/${encodeURIComponent(c.id)}/total`;
      const [dir, t] = c.kind === 'threshold' ? [c.direction, c.threshold] : (['above', c.limit] as const);
      const [fb, fa] = [figureAt(before, path), figureAt(after, path)];
      if (beyond(fa, dir, t) && !beyond(fb, dir, t)) emit(rule, path, fb?.value ?? null, fa!.value);
    } else if (c.kind === 'verdict') {
      const [fb, fa] = [figureAt(before, c.metric), figureAt(after, c.metric)];
      if (fa && typeof fa.value === 'boolean' && fb && typeof fb.value === 'boolean' && fa.value !== fb.value)
        emit(rule, c.metric, fb.value, fa.value);
    } else {
      for (const s of slashes) {
        const hit = c.entity === 'operator' ? s.operator === c.id : c.entity === 'set' ? s.set === c.id : s.vaults.includes(c.id);
        if (hit) emit(rule, `slash@${s.seq}/${c.entity}/${c.id}`, null, { operator: s.operator, set: s.set, vaults: s.vaults, seq: s.seq });
      }
    }
  }
  return events;
}
