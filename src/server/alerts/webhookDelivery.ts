import type { AlertEvent } from '../../risk/alerts/alertRule.js';
import { signWebhook, webhookHeaders } from './webhookSignature.js';

export interface RetryPolicy {
  /** Delay before the 2nd attempt (ms); doubled each time. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts before the delivery goes to the dead-letter list. */
  readonly attemptsMax: number;
  /** Per-request timeout (ms). */
  readonly timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 300_000, attemptsMax: 12, timeoutMs: 10_000 };

export interface DeadLetter {
  readonly event: AlertEvent;
  readonly url: string;
  readonly attempts: number;
  readonly lastError: string;
}

export interface WebhookDelivery {
  /** Queues an event for delivery to `url`, signed with `secret`. */
  enqueue(event: AlertEvent, url: string, secret: string): void;
  deadLetters(): readonly DeadLetter[];
  /** Deliveries still waiting or retrying. */
  pending(): number;
  /** Resolves when nothing is pending (tests, shutdown). */
  idle(): Promise<void>;
  close(): void;
}

/** Delay before attempt `attempt` (2, 3, …): base·2^(attempt−2), capped. */
export function backoffMs(p: RetryPolicy, attempt: number): number {
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 2));
}

/**
 * Webhook delivery (SPEC §10): POST of the event as JSON with its id, a timestamp and an HMAC-SHA256 signature;
 * a 2xx answer delivers it; anything else (refused, timeout, non-2xx) is retried with exponential backoff until
 * `attemptsMax`, then the delivery goes to the dead-letter list. At-least-once: an event is only dropped from the
 * queue on a 2xx, so a receiver may see it twice and de-duplicates by event id. Each attempt is signed afresh
 * (new timestamp), so a delayed retry still passes the receiver's replay window.
 */
export function webhookDelivery(o: { readonly policy?: RetryPolicy; readonly nowMs?: () => number } = {}): WebhookDelivery {
  const policy = o.policy ?? defaultRetryPolicy;
  const now = o.nowMs ?? Date.now;
  const dead: DeadLetter[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let waiting = 0;
  let idleWaiters: (() => void)[] = [];
  let closed = false;
  const settle = (): void => {
    waiting--;
    if (waiting > 0) return;
    const ws = idleWaiters;
    idleWaiters = [];
    for (const r of ws) r();
  };
  const attempt = async (event: AlertEvent, url: string, secret: string, n: number): Promise<void> => {
    if (closed) return settle();
    const body = JSON.stringify(event);
    const ts = Math.floor(now() / 1000);
    let error = '';
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
        redirect: 'manual',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return settle();
      error = `HTTP ${res.status}`;
    } catch (e) {
      error = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
    }
    if (n >= policy.attemptsMax) {
      dead.push({ event, url, attempts: n, lastError: error });
      return settle();
    }
    const t = setTimeout(
      () => {
        timers.delete(t);
        void attempt(event, url, secret, n + 1);
      },
      backoffMs(policy, n + 1),
    );
    timers.add(t);
  };
  return {
    enqueue(event, url, secret) {
      waiting++;
      void attempt(event, url, secret, 1);
    },
    deadLetters: () => dead,
    pending: () => waiting,
    idle: () => (waiting === 0 ? Promise.resolve() : new Promise((r) => idleWaiters.push(r))),
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
