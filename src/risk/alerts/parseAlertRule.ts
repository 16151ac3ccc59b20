import { fail, ok, type Result } from '../../errors/result.js';
import { exactValue } from './exactValue.js';
import type { AlertCondition } from './alertRule.js';

/** Longest metric path and entity id accepted in a rule. */
export const alertPathCharsMax = 300;
/** Longest webhook URL. */
export const webhookUrlCharsMax = 2000;

const pathRe = /^\/(network|services|operators|vaults|lrts|allocations)(\/[^/]{1,200}){1,3}$/;

function str(x: unknown): string | null {
  return typeof x === 'string' && x.length > 0 && x.length <= alertPathCharsMax ? x : null;
}

/** Validates a rule body `{ condition, webhook? }` (JSON from a signed request or command). */
export function parseAlertRule(raw: unknown): Result<{ condition: AlertCondition; webhook: string | null }> {
  const bad = (why: string) => fail('BAD_ALERT_RULE', why);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('a rule is an object { condition, webhook? }');
  const { condition: c, webhook, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return bad(`unknown field ${Object.keys(rest)[0]!.slice(0, 40)}`);
  let hook: string | null = null;
  if (webhook !== undefined) {
    if (typeof webhook !== 'string' || webhook.length > webhookUrlCharsMax || !/^https?:\/\//.test(webhook))
      return bad('webhook must be an http(s) URL');
    try {
      hook = new URL(webhook).toString();
    } catch {
      return bad('webhook must be an http(s) URL');
    }
  }
  if (typeof c !== 'object' || c === null) return bad('condition must be an object');
  const k = c as Record<string, unknown>;
  const fields = (names: string[]): boolean => Object.keys(k).every((f) => f === 'kind' || names.includes(f));
  const exact = (x: unknown): boolean => exactValue(x) !== null;
  switch (k.kind) {
    case 'threshold': {
      const metric = str(k.metric);
      if (!fields(['metric', 'direction', 'threshold']) || !metric || !pathRe.test(metric))
        return bad('threshold: metric must be a figure path like /network/slack');
      if (k.direction !== 'above' && k.direction !== 'below') return bad('threshold: direction is "above" or "below"');
      if (!exact(k.threshold)) return bad('threshold: threshold must be a decimal or p/q string');
      return ok({ condition: { kind: 'threshold', metric, direction: k.direction, threshold: k.threshold as string }, webhook: hook });
    }
    case 'verdict': {
      const metric = k.metric === undefined ? '/network/secure' : str(k.metric);
      if (!fields(['metric']) || !metric || !pathRe.test(metric)) return bad('verdict: metric must be a figure path');
      return ok({ condition: { kind: 'verdict', metric }, webhook: hook });
    }
    case 'slash': {
      const id = str(k.id);
      if (!fields(['entity', 'id']) || !id || !['operator', 'set', 'vault'].includes(k.entity as string))
        return bad('slash: entity is operator, set or vault, with an id');
      return ok({ condition: { kind: 'slash', entity: k.entity as 'operator' | 'set' | 'vault', id }, webhook: hook });
    }
    case 'exposure': {
      const id = str(k.id);
      if (!fields(['target', 'id', 'limit']) || !id || (k.target !== 'vault' && k.target !== 'lrt') || !exact(k.limit))
        return bad('exposure: target vault or lrt, an id and a decimal limit');
      return ok({ condition: { kind: 'exposure', target: k.target, id, limit: k.limit as string }, webhook: hook });
    }
    default:
      return bad('condition.kind is threshold, verdict, slash or exposure');
  }
}
