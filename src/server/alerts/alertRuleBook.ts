import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../errors/result.js';
import type { AlertRule } from '../../risk/alerts/alertRule.js';
import { parseAlertRule } from '../../risk/alerts/parseAlertRule.js';

/** Rules one account may own. */
export const alertRulesPerAccountMax = 100;

export interface StoredRule extends AlertRule {
  /** Shared secret of the rule's webhook signatures (shown to the owner once, at creation). */
  readonly secret: string;
}

/**
 * Alert rules by owner (SPEC §10: rules owned by the signing account). The caller authenticates the account
 * (signed request or command); the book only lets an account see and delete its own rules.
 */
export function alertRuleBook() {
  const rules = new Map<string, StoredRule>();
  let next = 1;
  return {
    create(owner: string, body: unknown): Result<StoredRule> {
      const parsed = parseAlertRule(body);
      if (!parsed.ok) return parsed;
      if ([...rules.values()].filter((r) => r.owner === owner).length >= alertRulesPerAccountMax)
        return fail('BAD_ALERT_RULE', `at most ${alertRulesPerAccountMax} rules per account`);
      const rule: StoredRule = { id: `rule-${next++}`, owner, ...parsed.value, secret: randomBytes(32).toString('hex') };
      rules.set(rule.id, rule);
      return ok(rule);
    },
    list(owner: string): StoredRule[] {
      return [...rules.values()].filter((r) => r.owner === owner);
    },
    delete(owner: string, id: string): Result<true> {
      const r = rules.get(id);
      if (!r || r.owner !== owner) return fail('UNKNOWN_ALERT_RULE', id.slice(0, 80));
      rules.delete(id);
      return ok(true);
    },
    all(): StoredRule[] {
      return [...rules.values()];
    },
    get(id: string): StoredRule | undefined {
      return rules.get(id);
    },
  };
}

export type AlertRuleBook = ReturnType<typeof alertRuleBook>;
