import { fail, ok, type Result } from '../../errors/result.js';
import type { AlertEvent } from '../../risk/alerts/alertRule.js';
import { alertStore } from '../../store/alertStore.js';
import { alertRuleBook, type AlertDb, type AlertRuleBook, type RequestGuard } from './alertRuleBook.js';
import { webhookDelivery, type DeadLetter, type DeliveryJournal, type RetryPolicy, type WebhookDelivery } from './webhookDelivery.js';
import type { WebhookUrlPolicy } from './webhookUrlPolicy.js';

/** Dead letters kept per owner in the database (older ones are deleted as new ones arrive). */
export const deadLettersPerAccountMax = 500;

export interface DeadLetterView extends DeadLetter {
  readonly ruleId: string;
  readonly deadAtMs: number;
}

/** The alert side of a server: the rule book, webhook delivery, and the owner's dead letters. */
export interface Alerts {
  readonly book: AlertRuleBook;
  readonly delivery: WebhookDelivery;
  /** Runs a guard alone (a read request's nonce claim) in its own transaction. */
  authorize(guard: RequestGuard): Promise<void>;
  deadLetters(owner: string): Promise<DeadLetterView[]>;
  /** Queues a dead letter again (attempts start over); it leaves the dead-letter list. */
  retryDeadLetter(owner: string, eventId: string, guard: RequestGuard): Promise<Result<true>>;
  /** Deletes a dead letter (the owner has dealt with it). */
  ackDeadLetter(owner: string, eventId: string, guard: RequestGuard): Promise<Result<true>>;
  close(): void;
}

function sqlJournal(db: AlertDb, nowMs: () => number): DeliveryJournal {
  return {
    pending: (event, url, attempts, lastError) =>
      alertStore.putDelivery(db, {
        event,
        ruleId: event.ruleId,
        owner: event.owner,
        url,
        status: 'pending',
        attempts,
        lastError,
        updatedMs: nowMs(),
      }),
    delivered: (event) => alertStore.deleteDelivery(db, event.id),
    async dead(l) {
      const row = {
        event: l.event,
        ruleId: l.event.ruleId,
        owner: l.event.owner,
        url: l.url,
        attempts: l.attempts,
        lastError: l.lastError,
      };
      await alertStore.putDelivery(db, { ...row, status: 'dead', updatedMs: nowMs() });
      await alertStore.trimDeadLetters(db, l.event.owner, deadLettersPerAccountMax);
    },
  };
}

/**
 * Opens the alerts of a server (SPEC §10): loads the durable rules, starts webhook delivery journalled in the
 * database, and re-queues the deliveries a previous run left pending (at-least-once across restarts). Without a
 * database everything lives in memory (unit tests).
 */
export async function openAlerts(
  o: { readonly db?: AlertDb; readonly urlPolicy?: WebhookUrlPolicy; readonly retry?: RetryPolicy; readonly nowMs?: () => number } = {},
): Promise<Alerts> {
  const now = o.nowMs ?? Date.now;
  const { db } = o;
  const book = await alertRuleBook({ ...(db ? { db } : {}), ...(o.urlPolicy ? { urlPolicy: o.urlPolicy } : {}), nowMs: now });
  const delivery = webhookDelivery({
    ...(o.retry ? { policy: o.retry } : {}),
    ...(o.urlPolicy ? { urlPolicy: o.urlPolicy } : {}),
    ...(db ? { journal: sqlJournal(db, now) } : {}),
    nowMs: now,
  });
  if (db)
    for (const d of await alertStore.pendingDeliveries(db)) {
      const rule = book.get(d.ruleId);
      if (rule) delivery.enqueue(d.event, d.url, rule.secret, Math.max(0, d.attempts));
    }
  const memoryDead = (owner: string): DeadLetterView[] =>
    delivery
      .deadLetters()
      .filter((l) => l.event.owner === owner)
      .map((l) => ({ ...l, ruleId: l.event.ruleId, deadAtMs: 0 }))
      .reverse();
  const findDead = async (owner: string, eventId: string): Promise<DeadLetterView | null> =>
    (
      await (db ? alertStore.deadLetter(db, owner, eventId).then((r) => (r ? [{ ...r, deadAtMs: r.updatedMs }] : [])) : memoryDead(owner))
    ).find((l) => l.event.id === eventId) ?? null;
  const removeDead = async (owner: string, eventId: string, guard: RequestGuard): Promise<Result<DeadLetterView>> => {
    const letter = await findDead(owner, eventId);
    if (!letter) return fail('UNKNOWN_DEAD_LETTER', eventId.slice(0, 80));
    if (db)
      await db.transaction(async (tx) => {
        await guard(tx);
        await alertStore.deleteDelivery(tx, eventId);
      });
    else {
      await guard(null);
      const list = delivery.deadLetters() as DeadLetter[];
      const i = list.findIndex((l) => l.event.id === eventId);
      if (i >= 0) list.splice(i, 1);
    }
    return ok(letter);
  };
  return {
    book,
    delivery,
    authorize: (guard) => (db ? db.transaction((tx) => guard(tx)) : guard(null)),
    deadLetters: async (owner) =>
      db
        ? (await alertStore.deadLetters(db, owner, deadLettersPerAccountMax)).map((r) => ({ ...r, deadAtMs: r.updatedMs }))
        : memoryDead(owner),
    async retryDeadLetter(owner, eventId, guard) {
      const letter = await findDead(owner, eventId);
      const rule = letter ? book.get(letter.ruleId) : undefined;
      if (!letter || !rule || rule.owner !== owner || rule.webhook === null) return fail('UNKNOWN_DEAD_LETTER', eventId.slice(0, 80));
      const removed = await removeDead(owner, eventId, guard);
      if (!removed.ok) return removed;
      delivery.enqueue(letter.event as AlertEvent, rule.webhook, rule.secret);
      return ok(true);
    },
    async ackDeadLetter(owner, eventId, guard) {
      const removed = await removeDead(owner, eventId, guard);
      return removed.ok ? ok(true) : removed;
    },
    close: () => delivery.close(),
  };
}
