import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { test } from 'node:test';
import type { AlertEvent } from '../../../src/risk/alerts/alertRule.js';
import { alertRuleBook } from '../../../src/server/alerts/alertRuleBook.js';
import { webhookDelivery } from '../../../src/server/alerts/webhookDelivery.js';
import { signWebhook, verifyWebhook, webhookHeaders } from '../../../src/server/alerts/webhookSignature.js';

interface Received {
  readonly id: string;
  readonly valid: boolean;
  readonly body: string;
}

function event(i: number): AlertEvent {
  return {
    id: `ev-${i}`,
    ruleId: 'rule-1',
    owner: 'acct',
    kind: 'verdict',
    block: i,
    seq: i,
    stateHash: '0'.repeat(64),
    subject: '/network/secure',
    before: true,
    after: false,
  };
}

const bodyOf = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    let s = '';
    req.on('data', (d: Buffer) => (s += d.toString()));
    req.on('end', () => resolve(s));
  });

/** A real receiver on 127.0.0.1 that checks signatures the documented way; `status` decides its answer. */
function receiver(secret: string, got: Received[], status: () => number): Server {
  return createServer((req, res) => {
    void bodyOf(req).then((body) => {
      const h = (n: string): string | undefined => req.headers[n] as string | undefined;
      const valid = verifyWebhook({
        secret,
        body,
        timestamp: h(webhookHeaders.timestamp),
        signature: h(webhookHeaders.signature),
        nowS: Math.floor(Date.now() / 1000),
      });
      got.push({ id: h(webhookHeaders.eventId) ?? '', valid, body });
      res.statusCode = status();
      res.end();
    });
  });
}

const listen = (s: Server, port = 0): Promise<number> =>
  new Promise((resolve) => s.listen(port, '127.0.0.1', () => resolve((s.address() as { port: number }).port)));
const close = (s: Server): Promise<void> => new Promise((resolve) => s.close(() => resolve()));

test('receiver down for a while, then back: every event is retried with backoff and delivered, signed, at least once', async () => {
  const book = await alertRuleBook();
  const rule = await book.create('acct', { condition: { kind: 'verdict' }, webhook: 'http://127.0.0.1:1/' });
  assert.ok(rule.ok);
  const got: Received[] = [];
  const probe = receiver(rule.value.secret, got, () => 200);
  const port = await listen(probe);
  await close(probe); // down: connections refused
  const delivery = webhookDelivery({ policy: { baseDelayMs: 40, maxDelayMs: 400, attemptsMax: 30, timeoutMs: 2000 } });
  for (let i = 0; i < 5; i++) delivery.enqueue(event(i), `http://127.0.0.1:${port}/hook`, rule.value.secret);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(got.length, 0);
  let flaky = 3; // back, but answers 503 three times first
  const back = receiver(rule.value.secret, got, () => (flaky-- > 0 ? 503 : 200));
  await listen(back, port);
  await delivery.idle();
  await close(back);
  const delivered = new Set(got.filter((g) => g.valid).map((g) => g.id));
  assert.deepEqual([...delivered].sort(), ['ev-0', 'ev-1', 'ev-2', 'ev-3', 'ev-4']);
  assert.ok(got.length >= 5 + 3);
  assert.ok(got.every((g) => g.valid));
  assert.deepEqual(delivery.deadLetters(), []);
  for (const g of got) assert.equal((JSON.parse(g.body) as AlertEvent).id, g.id); // body and header agree
});

test('a receiver that never accepts: the delivery ends in the dead-letter list after its attempts', async () => {
  const got: Received[] = [];
  const s = receiver('k', got, () => 500);
  const port = await listen(s);
  const delivery = webhookDelivery({ policy: { baseDelayMs: 10, maxDelayMs: 40, attemptsMax: 4, timeoutMs: 2000 } });
  delivery.enqueue(event(9), `http://127.0.0.1:${port}/`, 'k');
  await delivery.idle();
  await close(s);
  assert.equal(got.length, 4);
  assert.deepEqual(
    delivery.deadLetters().map((d) => [d.event.id, d.attempts, d.lastError]),
    [['ev-9', 4, 'HTTP 500']],
  );
});

test('forged bodies, wrong secrets, bad and stale timestamps fail the documented check', () => {
  const body = JSON.stringify(event(1));
  const now = 1_800_000_000;
  const sig = signWebhook('secret', now, body);
  const ok = { secret: 'secret', body, timestamp: String(now), signature: sig, nowS: now };
  assert.equal(verifyWebhook(ok), true);
  assert.equal(verifyWebhook({ ...ok, body: body.replace('"after":false', '"after":true') }), false);
  assert.equal(verifyWebhook({ ...ok, secret: 'other' }), false);
  assert.equal(verifyWebhook({ ...ok, nowS: now + 301 }), false);
  assert.equal(verifyWebhook({ ...ok, timestamp: String(now - 1) }), false);
  assert.equal(verifyWebhook({ ...ok, timestamp: 'x' }), false);
  assert.equal(verifyWebhook({ ...ok, signature: undefined }), false);
});

test('rules are owned: another account cannot delete them', async () => {
  const book = await alertRuleBook();
  const r = await book.create('alice', { condition: { kind: 'slash', entity: 'vault', id: 'v' } });
  assert.ok(r.ok);
  assert.deepEqual(book.list('bob'), []);
  const del = await book.delete('bob', r.value.id);
  assert.ok(!del.ok && del.error.code === 'UNKNOWN_ALERT_RULE');
  assert.ok((await book.delete('alice', r.value.id)).ok);
  assert.deepEqual(book.list('alice'), []);
});
