import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../errors/result.js';
import type { AlertRule } from '../../risk/alerts/alertRule.js';
import { parseAlertRule } from '../../risk/alerts/parseAlertRule.js';
import { alertStore } from '../../store/alertStore.js';
import type { SqlPort, SqlRunner } from '../../store/sqlPort.js';
import { webhookUrlRefusal, type WebhookUrlPolicy } from './webhookUrlPolicy.js';

/** Rules one account may own. */
export const alertRulesPerAccountMax = 100;

export interface StoredRule extends AlertRule {
  /** Shared secret of the rule's webhook signatures (shown to the owner once, at creation). */
  readonly secret: string;
  readonly createdMs: number;
}

/** The database side of the book: queries and transactions (a SqlPort). */
export type AlertDb = Pick<SqlPort, 'query' | 'transaction'>;

/**
 * Runs first, inside the same transaction as the change (the signed request's nonce claim): when it throws, nothing
 * is written. `tx` is null for a book without a database.
 */
export type RequestGuard = (tx: SqlRunner | null) => Promise<void>;

export interface AlertRuleBook {
  create(owner: string, body: unknown, guard?: RequestGuard): Promise<Result<StoredRule>>;
  list(owner: string): StoredRule[];
  delete(owner: string, id: string, guard?: RequestGuard): Promise<Result<true>>;
  all(): StoredRule[];
  get(id: string): StoredRule | undefined;
}

/**
 * Alert rules by owner (SPEC §10: rules owned by the signing account). The caller authenticates the account
 * (a signed request); the book only lets an account see and delete its own rules. With a database the rules are
 * durable (migration 2: loaded at start, written before the answer) and the in-memory copy serves the per-commit
 * evaluation without a query; without one (unit tests) they live in memory only.
 */
export async function alertRuleBook(
  o: { readonly db?: AlertDb; readonly urlPolicy?: WebhookUrlPolicy; readonly nowMs?: () => number } = {},
): Promise<AlertRuleBook> {
  const rules = new Map<string, StoredRule>();
  const now = o.nowMs ?? Date.now;
  if (o.db) for (const r of await alertStore.allRules(o.db)) rules.set(r.id, r);
  const countOf = (owner: string): number => [...rules.values()].filter((r) => r.owner === owner).length;
  // Without a database the guard still runs, and the change applies only when it passes.
  const inTx = <T>(fn: (tx: SqlRunner | null) => Promise<T>): Promise<T> => (o.db ? o.db.transaction((tx) => fn(tx)) : fn(null));
  return {
    async create(owner, body, guard) {
      const parsed = parseAlertRule(body);
      if (!parsed.ok) return parsed;
      const refusal = parsed.value.webhook !== null && o.urlPolicy ? webhookUrlRefusal(parsed.value.webhook, o.urlPolicy) : null;
      if (refusal !== null) return fail('WEBHOOK_NOT_ALLOWED', refusal);
      if (countOf(owner) >= alertRulesPerAccountMax)
        return fail('TOO_MANY_ALERT_RULES', `at most ${alertRulesPerAccountMax} rules per account`);
      const rule: StoredRule = {
        id: `rule-${randomBytes(12).toString('hex')}`, // unguessable and unique across restarts
        owner,
        ...parsed.value,
        secret: randomBytes(32).toString('hex'),
        createdMs: Math.floor(now()),
      };
      const made = await inTx(async (tx) => {
        await guard?.(tx);
        // the durable count is the authority (another request may have added one meanwhile)
        if (tx && (await alertStore.countRules(tx, owner)) >= alertRulesPerAccountMax) return false;
        if (tx) await alertStore.insertRule(tx, rule);
        return true;
      });
      if (!made) return fail('TOO_MANY_ALERT_RULES', `at most ${alertRulesPerAccountMax} rules per account`);
      rules.set(rule.id, rule);
      return ok(rule);
    },
    list: (owner) => [...rules.values()].filter((r) => r.owner === owner),
    async delete(owner, id, guard) {
      const r = rules.get(id);
      if (!r || r.owner !== owner) return fail('UNKNOWN_ALERT_RULE', id.slice(0, 80));
      const gone = await inTx(async (tx) => {
        await guard?.(tx);
        return tx ? alertStore.deleteRule(tx, owner, id) : true;
      });
      rules.delete(id);
      return gone ? ok(true) : fail('UNKNOWN_ALERT_RULE', id.slice(0, 80));
    },
    all: () => [...rules.values()],
    get: (id) => rules.get(id),
  };
}
