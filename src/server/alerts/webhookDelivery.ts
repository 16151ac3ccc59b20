import type { AlertEvent } from '../../risk/alerts/alertRule.js';
import { signWebhook, webhookHeaders } from './webhookSignature.js';
import { webhookUrlRefusal, type WebhookUrlPolicy } from './webhookUrlPolicy.js';

export interface RetryPolicy {
  /** Delay before the 2nd attempt (ms); doubled each time. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts before the delivery goes to the dead-letter list. */
  readonly attemptsMax: number;
  /** Per-request timeout (ms), connection and answer together. */
  readonly timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 300_000, attemptsMax: 12, timeoutMs: 10_000 };

/** Bytes of a receiver's answer the server reads before it stops listening (the status is all it needs). */
export const webhookResponseBytesMax = 64 * 1024;
/** Dead letters kept in memory (the durable list is in the database, bounded per owner). */
export const deadLettersInMemoryMax = 1000;
/** Deliveries waiting or retrying at once; an event beyond goes straight to the dead-letter list. */
export const deliveriesPendingMax = 10_000;

export interface DeadLetter {
  readonly event: AlertEvent;
  readonly url: string;
  readonly attempts: number;
  readonly lastError: string;
}

/** Where a delivery's progress is recorded (the database, so a restart re-queues what was pending). */
export interface DeliveryJournal {
  /** Before the first attempt and after each failed one. */
  pending(event: AlertEvent, url: string, attempts: number, lastError: string): Promise<void>;
  delivered(event: AlertEvent): Promise<void>;
  dead(letter: DeadLetter): Promise<void>;
}

export interface WebhookDelivery {
  /** Queues an event for delivery to `url`, signed with `secret`; `attemptsDone` > 0 when resuming after a restart. */
  enqueue(event: AlertEvent, url: string, secret: string, attemptsDone?: number): void;
  deadLetters(): readonly DeadLetter[];
  /** Deliveries still waiting or retrying. */
  pending(): number;
  /** Resolves when nothing is pending and the journal is written (tests, shutdown). */
  idle(): Promise<void>;
  close(): void;
}

/** Delay before attempt `attempt` (2, 3, …): base·2^(attempt−2), capped. */
export function backoffMs(p: RetryPolicy, attempt: number): number {
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 2));
}

/** Reads at most `webhookResponseBytesMax` of the answer, then drops the connection's remainder. */
async function drain(res: Response): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  let seen = 0;
  try {
    while (seen <= webhookResponseBytesMax) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // the status is already known; a broken body does not change it
  }
}

/** One POST of the event; null when a 2xx answered, else the error text. */
async function post(event: AlertEvent, url: string, secret: string, policy: RetryPolicy, nowMs: () => number): Promise<string | null> {
  const body = JSON.stringify(event);
  const ts = Math.floor(nowMs() / 1000);
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        [webhookHeaders.eventId]: event.id,
        [webhookHeaders.timestamp]: String(ts),
        [webhookHeaders.signature]: signWebhook(secret, ts, body),
      },
      signal: AbortSignal.timeout(policy.timeoutMs),
      redirect: 'manual', // a redirect could point anywhere (SSRF): it counts as a failure
    });
    await drain(res);
    return res.status >= 200 && res.status < 300 ? null : `HTTP ${res.status}`;
  } catch (e) {
    const msg = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    return msg.slice(0, 300);
  }
}

/** Journal writes run one after the other, so a delivery's rows are written in the order its steps happened. */
function serialJournal(j: DeliveryJournal | undefined) {
  let tail: Promise<void> = Promise.resolve();
  return {
    journal(write: (j: DeliveryJournal) => Promise<void>): void {
      if (j) tail = tail.then(() => write(j)).catch(() => undefined); // a lost write only means a resend at restart
    },
    journalTail: (): Promise<void> => tail,
  };
}

export interface WebhookDeliveryOptions {
  readonly policy?: RetryPolicy;
  readonly nowMs?: () => number;
  readonly urlPolicy?: WebhookUrlPolicy;
  readonly journal?: DeliveryJournal;
}

/** Runs `f` after `ms`, its timer kept in `timers` until then (close() clears the set). */
function schedule(timers: Set<NodeJS.Timeout>, ms: number, f: () => void): void {
  const t = setTimeout(() => {
    timers.delete(t);
    f();
  }, ms);
  timers.add(t);
}

/**
 * Webhook delivery (SPEC §10): POST of the event as JSON with its id, a timestamp and an HMAC-SHA256 signature;
 * a 2xx answer delivers it; anything else (refused, timeout, non-2xx, a redirect) is retried with exponential
 * backoff until `attemptsMax`, then the delivery goes to the dead-letter list. At-least-once: an event is only
 * dropped from the queue on a 2xx (and, with a journal, stays `pending` in the database until then, so a restart
 * sends it again); a receiver may see it twice and de-duplicates by event id. Each attempt is signed afresh (new
 * timestamp), so a delayed retry still passes the receiver's replay window. The URL policy is checked again before
 * each attempt (the rule may predate a stricter policy).
 */
export function webhookDelivery(o: WebhookDeliveryOptions = {}): WebhookDelivery {
  const policy = o.policy ?? defaultRetryPolicy;
  const now = o.nowMs ?? Date.now;
  const dead: DeadLetter[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<string>();
  const { journal, journalTail } = serialJournal(o.journal);
  let idleWaiters: (() => void)[] = [];
  let closed = false;
  const settle = (eventId: string): void => {
    inFlight.delete(eventId);
    if (inFlight.size > 0) return;
    const ws = idleWaiters;
    idleWaiters = [];
    void journalTail().then(() => ws.forEach((r) => r()));
  };
  const toDead = (letter: DeadLetter): void => {
    dead.push(letter);
    if (dead.length > deadLettersInMemoryMax) dead.splice(0, dead.length - deadLettersInMemoryMax);
    journal((j) => j.dead(letter));
  };
  const attempt = async (event: AlertEvent, url: string, secret: string, n: number): Promise<void> => {
    if (closed) return settle(event.id); // stays pending in the journal: the next start resumes it
    const refused = o.urlPolicy ? webhookUrlRefusal(url, o.urlPolicy) : null;
    const error = refused ?? (await post(event, url, secret, policy, now));
    if (closed) return settle(event.id);
    if (error === null) {
      journal((j) => j.delivered(event));
      return settle(event.id);
    }
    if (n >= policy.attemptsMax || refused !== null) {
      toDead({ event, url, attempts: n, lastError: error });
      return settle(event.id);
    }
    journal((j) => j.pending(event, url, n, error));
    schedule(timers, backoffMs(policy, n + 1), () => void attempt(event, url, secret, n + 1));
  };
  return {
    enqueue(event, url, secret, attemptsDone = 0) {
      if (closed || inFlight.has(event.id)) return; // the same event twice is one delivery
      if (inFlight.size >= deliveriesPendingMax) {
        toDead({ event, url, attempts: attemptsDone, lastError: `more than ${deliveriesPendingMax} deliveries pending` });
        return;
      }
      inFlight.add(event.id);
      if (attemptsDone === 0) journal((j) => j.pending(event, url, 0, ''));
      void attempt(event, url, secret, attemptsDone + 1);
    },
    deadLetters: () => dead,
    pending: () => inFlight.size,
    idle: () => (inFlight.size === 0 ? journalTail() : new Promise((r) => idleWaiters.push(r))),
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const ws = idleWaiters;
      idleWaiters = [];
      inFlight.clear();
      ws.forEach((r) => r());
    },
  };
}
