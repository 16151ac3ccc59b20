import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names of a webhook delivery (docs/alerts.md). */
export const webhookHeaders = {
  eventId: 'stakemesh-event-id',
  timestamp: 'stakemesh-timestamp',
  signature: 'stakemesh-signature',
} as const;

/** Receivers reject deliveries whose timestamp is further than this from their clock (replay window). */
export const webhookToleranceS = 300;

/** `v1=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`): the signature header's value. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The receiver's check (docs/alerts.md): the timestamp is an integer within the tolerance of `nowS`, and the
 * signature equals the HMAC of `${timestamp}.${raw body}` (constant-time compare). A forged body or signature, or
 * a replay outside the window, fails.
 */
export function verifyWebhook(o: {
  readonly secret: string;
  readonly body: string;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly nowS: number;
  readonly toleranceS?: number;
}): boolean {
  if (!o.timestamp || !/^[0-9]{1,12}$/.test(o.timestamp) || !o.signature) return false;
  const ts = Number(o.timestamp);
  if (Math.abs(o.nowS - ts) > (o.toleranceS ?? webhookToleranceS)) return false;
  const want = Buffer.from(signWebhook(o.secret, ts, o.body));
  const got = Buffer.from(o.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
