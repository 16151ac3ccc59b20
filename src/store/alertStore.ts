import type { AlertCondition, AlertEvent } from '../risk/alerts/alertRule.js';
import { intOf, textOf, type SqlRow, type SqlRunner } from './sqlPort.js';

/** A rule as stored (migration 2): the webhook secret stays in the database and the server. */
export interface AlertRuleRow {
  readonly id: string;
  readonly owner: string;
  readonly condition: AlertCondition;
  readonly webhook: string | null;
  readonly secret: string;
  readonly createdMs: number;
}

/** A webhook delivery as stored: `pending` while tried, `dead` once its attempts are spent. */
export interface DeliveryRow {
  readonly event: AlertEvent;
  readonly ruleId: string;
  readonly owner: string;
  readonly url: string;
  readonly status: 'pending' | 'dead';
  readonly attempts: number;
  readonly lastError: string;
  readonly updatedMs: number;
}

const ruleOf = (r: SqlRow): AlertRuleRow => ({
  id: textOf(r['id']),
  owner: textOf(r['owner']),
  condition: JSON.parse(textOf(r['condition'])) as AlertCondition,
  webhook: r['webhook'] === null ? null : textOf(r['webhook']),
  secret: textOf(r['secret']),
  createdMs: intOf(r['created_ms']),
});

const deliveryOf = (r: SqlRow): DeliveryRow => ({
  event: JSON.parse(textOf(r['event'])) as AlertEvent,
  ruleId: textOf(r['rule_id']),
  owner: textOf(r['owner']),
  url: textOf(r['url']),
  status: textOf(r['status']) === 'dead' ? 'dead' : 'pending',
  attempts: intOf(r['attempts']),
  lastError: textOf(r['last_error']),
  updatedMs: intOf(r['updated_ms']),
});

const deliveryColumns = 'event_id, rule_id, owner, url, event, status, attempts, last_error, updated_ms';

/**
 * The SQL of the alert tables (same text on PGlite and PostgreSQL). Every statement is one
 * round trip; callers that must change two tables together pass a transaction's runner.
 */
export const alertStore = {
  async allRules(db: SqlRunner): Promise<AlertRuleRow[]> {
    return (await db.query('SELECT id, owner, condition, webhook, secret, created_ms FROM alert_rules ORDER BY created_ms, id')).map(
      ruleOf,
    );
  },
  async insertRule(db: SqlRunner, r: AlertRuleRow): Promise<void> {
    await db.query('INSERT INTO alert_rules (id, owner, condition, webhook, secret, created_ms) VALUES ($1, $2, $3, $4, $5, $6)', [
      r.id,
      r.owner,
      JSON.stringify(r.condition),
      r.webhook,
      r.secret,
      r.createdMs,
    ]);
  },
  async countRules(db: SqlRunner, owner: string): Promise<number> {
    return intOf((await db.query('SELECT COUNT(*) AS n FROM alert_rules WHERE owner = $1', [owner]))[0]?.['n'] ?? 0);
  },
  /** True when the owner's rule existed and is gone (with its deliveries, by the foreign key). */
  async deleteRule(db: SqlRunner, owner: string, id: string): Promise<boolean> {
    return (await db.query('DELETE FROM alert_rules WHERE id = $1 AND owner = $2 RETURNING id', [id, owner])).length === 1;
  },
  /**
   * Records `nonce` as the account's newest alert request when it is greater than the last one;
   * false (nothing written) when it is not: the request is a replay or out of order.
   */
  async claimRequestNonce(db: SqlRunner, account: string, nonce: bigint): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO alert_request_nonces (account, nonce) VALUES ($1, $2)
       ON CONFLICT (account) DO UPDATE SET nonce = EXCLUDED.nonce WHERE alert_request_nonces.nonce < EXCLUDED.nonce
       RETURNING nonce`,
      [account, nonce.toString()],
    );
    return rows.length === 1;
  },
  /** Inserts or updates a delivery (an event already stored is not queued twice: the event id is the key). */
  async putDelivery(db: SqlRunner, d: DeliveryRow): Promise<void> {
    await db.query(
      `INSERT INTO alert_deliveries (${deliveryColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (event_id) DO UPDATE SET status = EXCLUDED.status, attempts = EXCLUDED.attempts,
         last_error = EXCLUDED.last_error, updated_ms = EXCLUDED.updated_ms`,
      [d.event.id, d.ruleId, d.owner, d.url, JSON.stringify(d.event), d.status, d.attempts, d.lastError, d.updatedMs],
    );
  },
  async deleteDelivery(db: SqlRunner, eventId: string): Promise<void> {
    await db.query('DELETE FROM alert_deliveries WHERE event_id = $1', [eventId]);
  },
  async pendingDeliveries(db: SqlRunner): Promise<DeliveryRow[]> {
    return (await db.query(`SELECT ${deliveryColumns} FROM alert_deliveries WHERE status = 'pending' ORDER BY updated_ms, event_id`)).map(
      deliveryOf,
    );
  },
  /** The owner's dead letters, newest first, at most `limit`. */
  async deadLetters(db: SqlRunner, owner: string, limit: number): Promise<DeliveryRow[]> {
    return (
      await db.query(
        `SELECT ${deliveryColumns} FROM alert_deliveries WHERE owner = $1 AND status = 'dead' ORDER BY updated_ms DESC, event_id LIMIT $2`,
        [owner, limit],
      )
    ).map(deliveryOf);
  },
  async deadLetter(db: SqlRunner, owner: string, eventId: string): Promise<DeliveryRow | null> {
    const rows = await db.query(`SELECT ${deliveryColumns} FROM alert_deliveries WHERE owner = $1 AND event_id = $2 AND status = 'dead'`, [
      owner,
      eventId,
    ]);
    return rows[0] ? deliveryOf(rows[0]) : null;
  },
  /** Keeps the owner's newest `keep` dead letters and deletes the older ones. */
  async trimDeadLetters(db: SqlRunner, owner: string, keep: number): Promise<void> {
    await db.query(
      `DELETE FROM alert_deliveries WHERE owner = $1 AND status = 'dead' AND event_id NOT IN (
         SELECT event_id FROM alert_deliveries WHERE owner = $1 AND status = 'dead' ORDER BY updated_ms DESC, event_id LIMIT $2)`,
      [owner, keep],
    );
  },
};
