// The alerts API end to end over real HTTP on 127.0.0.1 port 0, with the real ledger service on PGlite and on
// PostgreSQL (STAKEMESH_TEST_PG_URL): signed requests, ownership, hostile requests, a slash → SSE alert + signed
// webhook, a receiver down then back, a receiver never back → dead letters, and a restart keeping everything.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { openAlerts } from '../../../src/server/alerts/openAlerts.js';
import { verifyWebhook, webhookHeaders } from '../../../src/server/alerts/webhookSignature.js';
import { signEnvelope } from '../../../src/server/envelope/signEnvelope.js';
import type { SignerKey } from '../../../src/server/envelope/signerKey.js';
import { buildServer } from '../../../src/server/http/buildServer.js';
import { openLedgerService } from '../../../src/server/service/openLedgerService.js';
import type { Envelope, LedgerServiceApi } from '../../../src/server/service/serviceApi.js';
import { backends, testKey, type Store } from './backends.js';
import { call, listen, postJson, type Answer, type SseEvent } from './httpHelpers.js';

const chainId = 31337;
const admin = testKey('admin');
const opKey = testKey('operator');
const svcKey = testKey('service');
const alice = testKey('alice');
const mallory = testKey('mallory');
const e18 = '000000000000000000';
const retry = { baseDelayMs: 50, maxDelayMs: 200, attemptsMax: 8, timeoutMs: 2000 };

/** Alert-request nonces: the signing time in ms, strictly increasing (two requests in one ms get +1). */
let clock = 0;
const requestNonce = (): number => (clock = Math.max(Date.now(), clock + 1));
const signed = (key: SignerKey, command: Envelope['command'], nonce = requestNonce()): Envelope =>
  signEnvelope({ key, chainId, nonce, command });
const headersOf = (e: Envelope): Record<string, string> => ({
  'stakemesh-account': e.account,
  'stakemesh-nonce': e.nonce,
  'stakemesh-signature': e.signature,
});

interface Delivery {
  readonly id: string;
  readonly valid: boolean;
  readonly body: string;
  readonly timestamp: string;
  readonly signature: string;
}

/** A webhook receiver on 127.0.0.1 doing the documented check with `secret()`; `status()` decides its answer. */
function receiver(secret: () => string, got: Delivery[], status: () => number): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const h = (n: string): string => String(req.headers[n] ?? '');
      const [timestamp, signature] = [h(webhookHeaders.timestamp), h(webhookHeaders.signature)];
      const valid = verifyWebhook({ secret: secret(), body, timestamp, signature, nowS: Math.floor(Date.now() / 1000) });
      got.push({ id: h(webhookHeaders.eventId), valid, body, timestamp, signature });
      res.statusCode = status();
      res.end();
    });
  });
}
const serve = (s: Server, port = 0): Promise<number> =>
  new Promise((resolve) => s.listen(port, '127.0.0.1', () => resolve((s.address() as { port: number }).port)));
const shut = (s: Server): Promise<void> => new Promise((resolve) => s.close(() => resolve()));
const until = async (what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** An SSE subscription that collects events until closed. */
function stream(url: string): { events: SseEvent[]; close: () => void } {
  const ctl = new AbortController();
  const events: SseEvent[] = [];
  void (async () => {
    const r = await fetch(url, { signal: ctl.signal });
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let cut: number;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const fields = new Map<string, string>();
        for (const line of buf.slice(0, cut).split('\n')) {
          const i = line.indexOf(':');
          if (i > 0) fields.set(line.slice(0, i), line.slice(i + 1).trimStart());
        }
        buf = buf.slice(cut + 2);
        if (fields.has('data'))
          events.push({ id: fields.get('id'), event: fields.get('event') ?? 'message', data: JSON.parse(fields.get('data')!) });
      }
    }
  })().catch(() => undefined);
  return { events, close: () => ctl.abort() };
}

for (const backend of backends) {
  describe(`alerts API on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let service: LedgerServiceApi;
    let app: FastifyInstance;
    let base: string;
    const nonces = new Map<string, number>();
    const open = async (): Promise<void> => {
      service = await openLedgerService({
        dataDir: store.dataDir,
        database: store.database,
        chainId,
        admins: [admin.account],
        blockTimeS: 0,
        follow: false,
        snapshotEvery: 1000,
      });
      const alerts = await openAlerts({ db: service.sql!, urlPolicy: { allowPrivate: true }, retry });
      app = buildServer({
        service,
        alerts,
        risk: {},
        limits: { requestsPerIpPerSecond: 1_000_000, requestsPerAccountPerSecond: 1_000_000 },
      });
      base = await listen(app);
    };
    const closeServer = async (): Promise<void> => {
      await app.close();
      await service.close();
    };
    const send = async (key: SignerKey, command: Envelope['command']): Promise<void> => {
      const n = (nonces.get(key.account) ?? 0) + 1;
      const r = await postJson(`${base}/v1/commands`, signEnvelope({ key, chainId, nonce: n, command }));
      assert.equal(r.status, 200, `${command.type}: ${JSON.stringify(r.body)}`);
      nonces.set(key.account, n);
    };
    const create = (key: SignerKey, rule: unknown): Promise<Answer> =>
      postJson(`${base}/v1/alerts`, signed(key, { type: 'createAlert', rule }));
    const list = (key: SignerKey): Promise<Answer> =>
      call(`${base}/v1/alerts`, { headers: headersOf(signed(key, { type: 'listAlerts' })) });
    const deadLetters = (key: SignerKey): Promise<Answer> =>
      call(`${base}/v1/alerts/dead-letters`, { headers: headersOf(signed(key, { type: 'listDeadLetters' })) });
    const slash = (operator: string) => send(svcKey, { type: 'slash', set: 's', operator, vault: 'v', wad: '0.01' });

    before(async () => {
      store = await backend.fresh();
      await open();
      for (const [key, command] of [
        [admin, { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' }],
        [admin, { type: 'createVault', vault: 'v', asset: 'stETH' }],
        [opKey, { type: 'registerOperator', operator: 'op' }],
        [svcKey, { type: 'createService', service: 'svc' }],
        [svcKey, { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] }],
        [opKey, { type: 'registerForOperatorSet', operator: 'op', set: 's' }],
        [alice, { type: 'deposit', staker: alice.account, vault: 'v', amount: `1000${e18}` }],
        [alice, { type: 'delegate', staker: alice.account, operator: 'op' }],
        [opKey, { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '0.5' }],
        [admin, { type: 'advance', blocks: 2 }],
      ] as [SignerKey, Envelope['command']][])
        await send(key, command);
    });
    after(async () => {
      await app?.close();
      await service?.close();
      await store?.drop();
    });

    it('the owner creates, lists and deletes its rules; another account sees none and cannot delete them', async () => {
      const made = await create(alice, { condition: { kind: 'verdict' } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.match(made.body.secret, /^[0-9a-f]{64}$/);
      assert.equal(made.body.owner, alice.account);
      const mine = await list(alice);
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body.rules, [
        {
          id: made.body.id,
          owner: alice.account,
          condition: { kind: 'verdict', metric: '/network/secure' },
          webhook: null,
          createdMs: made.body.createdMs,
        },
      ]);
      assert.ok(!JSON.stringify(mine.body).includes(made.body.secret), 'the secret is answered once, at creation');
      assert.deepEqual((await list(mallory)).body, { rules: [] });
      const theirs = await call(`${base}/v1/alerts/${made.body.id}`, {
        method: 'DELETE',
        headers: headersOf(signed(mallory, { type: 'deleteAlert', id: made.body.id })),
      });
      assert.deepEqual([theirs.status, theirs.body.code], [404, 'UNKNOWN_ALERT_RULE']);
      assert.equal((await list(alice)).body.rules.length, 1, 'unchanged');
      const gone = await call(`${base}/v1/alerts/${made.body.id}`, {
        method: 'DELETE',
        headers: headersOf(signed(alice, { type: 'deleteAlert', id: made.body.id })),
      });
      assert.deepEqual([gone.status, gone.body], [200, { deleted: made.body.id }]);
      assert.deepEqual((await list(alice)).body, { rules: [] });
    });

    it('hostile requests get catalogue codes and change nothing', async () => {
      const keep = await create(alice, { condition: { kind: 'slash', entity: 'vault', id: 'v' } });
      assert.equal(keep.status, 201);
      const rulesBefore = (await list(alice)).body;
      const code = (a: Answer): [number, string] => [a.status, a.body.code];
      const req = signed(alice, { type: 'createAlert', rule: { condition: { kind: 'verdict' } } });
      const forged = { ...req, signature: signed(mallory, req.command, Number(req.nonce)).signature };
      assert.deepEqual(code(await postJson(`${base}/v1/alerts`, forged)), [401, 'BAD_SIGNATURE']);
      const asMallory = { ...signed(mallory, req.command), account: alice.account };
      assert.deepEqual(code(await postJson(`${base}/v1/alerts`, asMallory)), [401, 'BAD_SIGNATURE']);
      assert.equal((await postJson(`${base}/v1/alerts`, req)).status, 201);
      assert.deepEqual(code(await postJson(`${base}/v1/alerts`, req)), [409, 'REQUEST_REPLAYED'], 'the same request twice');
      const older = signed(alice, { type: 'createAlert', rule: { condition: { kind: 'verdict' } } }, Number(req.nonce) - 1);
      assert.deepEqual(code(await postJson(`${base}/v1/alerts`, older)), [409, 'REQUEST_REPLAYED'], 'a nonce below the last');
      const stale = signed(alice, { type: 'createAlert', rule: { condition: { kind: 'verdict' } } }, Date.now() - 6 * 60_000);
      assert.deepEqual(code(await postJson(`${base}/v1/alerts`, stale)), [401, 'STALE_REQUEST']);
      const future = signed(alice, { type: 'listAlerts' }, Date.now() + 6 * 60_000);
      assert.deepEqual(code(await call(`${base}/v1/alerts`, { headers: headersOf(future) })), [401, 'STALE_REQUEST']);
      for (const rule of [
        { condition: { kind: 'nope' } },
        { condition: { kind: 'threshold', metric: '/network/slack', direction: 'up', threshold: '1' } },
        { condition: { kind: 'verdict' }, webhook: 'ftp://x/' },
        { condition: { kind: 'verdict' }, extra: 1 },
      ])
        assert.deepEqual(code(await create(alice, rule)), [400, 'BAD_ALERT_RULE'], JSON.stringify(rule));
      assert.deepEqual(
        code(await postJson(`${base}/v1/alerts`, signed(alice, { type: 'listAlerts' }))),
        [400, 'BAD_ENVELOPE'],
        'another request type',
      );
      assert.deepEqual(code(await postJson(`${base}/v1/alerts`, { account: alice.account })), [400, 'BAD_ENVELOPE']);
      assert.deepEqual(code(await call(`${base}/v1/alerts`)), [401, 'BAD_SIGNATURE'], 'unsigned');
      const listReq = signed(alice, { type: 'listAlerts' });
      assert.equal((await call(`${base}/v1/alerts`, { headers: headersOf(listReq) })).status, 200);
      assert.deepEqual(
        code(await call(`${base}/v1/alerts`, { headers: headersOf(listReq) })),
        [409, 'REQUEST_REPLAYED'],
        'a replayed read',
      );
      const unknown = signed(alice, { type: 'deleteAlert', id: 'rule-none' });
      assert.deepEqual(code(await call(`${base}/v1/alerts/rule-none`, { method: 'DELETE', headers: headersOf(unknown) })), [
        404,
        'UNKNOWN_ALERT_RULE',
      ]);
      const otherId = signed(alice, { type: 'deleteAlert', id: keep.body.id });
      assert.deepEqual(
        code(await call(`${base}/v1/alerts/rule-none`, { method: 'DELETE', headers: headersOf(otherId) })),
        [401, 'BAD_SIGNATURE'],
        'signed for another id: the route implies the command',
      );
      // a signed alert request is no ledger command: the ledger refuses it and the log does not grow
      const seq = service.head().seq;
      assert.notEqual(
        (await postJson(`${base}/v1/commands`, signed(alice, { type: 'createAlert', rule: { condition: { kind: 'verdict' } } }))).status,
        200,
      );
      assert.equal(service.head().seq, seq);
      const rulesAfter = (await list(alice)).body.rules;
      assert.equal(rulesAfter.length, rulesBefore.rules.length + 1, 'only the one good request added a rule');
      assert.deepEqual(rulesAfter.slice(0, rulesBefore.rules.length), rulesBefore.rules);
      const doc = (await call(`${base}/openapi.json`)).body;
      for (const p of [
        '/v1/alerts',
        '/v1/alerts/{id}',
        '/v1/alerts/dead-letters',
        '/v1/alerts/dead-letters/{id}',
        '/v1/alerts/dead-letters/{id}/retry',
      ])
        assert.ok(doc.paths[p], p);
      assert.ok(JSON.stringify(doc.paths['/v1/alerts'].post.requestBody).includes('exposure'), 'the rule schema is documented');
    });

    it('a slash on a watched operator: alert on SSE, webhook signed and verifiable; receiver down for a while, then delivered', async () => {
      const got: Delivery[] = [];
      let secret = '';
      const probe = receiver(
        () => secret,
        got,
        () => 200,
      );
      const port = await serve(probe);
      await shut(probe); // down: connections refused
      const made = await create(alice, {
        condition: { kind: 'slash', entity: 'operator', id: 'op' },
        webhook: `http://127.0.0.1:${port}/hook`,
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      secret = made.body.secret;
      const sse = stream(`${base}/v1/events?after=${service.head().seq - 1}`);
      await until('the stream to be live', () => sse.events.some((e) => e.event === 'command'));
      await slash('op');
      await until('an alert on SSE', () => sse.events.some((e) => e.event === 'alert' && e.data.ruleId === made.body.id));
      const alert = sse.events.find((e) => e.event === 'alert' && e.data.ruleId === made.body.id)!;
      assert.equal(alert.id, undefined, 'risk events carry no id: Last-Event-ID stays a command seq');
      assert.deepEqual(Object.keys(alert.data).sort(), [
        'after',
        'before',
        'block',
        'id',
        'kind',
        'owner',
        'ruleId',
        'seq',
        'stateHash',
        'subject',
      ]);
      assert.ok(!JSON.stringify(sse.events).includes(secret), 'no secret on SSE');
      const metrics = sse.events.find((e) => e.event === 'metrics');
      assert.ok(metrics && metrics.data.seq === service.head().seq && Array.isArray(metrics.data.changed), JSON.stringify(metrics));
      sse.close();
      await new Promise((r) => setTimeout(r, 300)); // a few attempts fail meanwhile
      assert.equal(got.length, 0);
      const back = receiver(
        () => secret,
        got,
        () => 200,
      );
      await serve(back, port);
      await until('the webhook', () => got.some((g) => g.id === alert.data.id));
      await shut(back);
      const d = got.find((g) => g.id === alert.data.id)!;
      assert.ok(d.valid, 'the documented receiver check passes');
      assert.deepEqual(JSON.parse(d.body), alert.data, 'the webhook body is the SSE alert');
      // the check refuses a forged body, a wrong secret and the same delivery replayed after the window
      const nowS = Math.floor(Date.now() / 1000);
      const check = { secret, body: d.body, timestamp: d.timestamp, signature: d.signature, nowS };
      assert.equal(verifyWebhook(check), true);
      assert.equal(verifyWebhook({ ...check, body: d.body.replace('"op"', '"op2"') }), false);
      assert.equal(verifyWebhook({ ...check, secret: '00'.repeat(32) }), false);
      assert.equal(verifyWebhook({ ...check, nowS: Number(d.timestamp) + 301 }), false);
      assert.deepEqual((await deadLetters(alice)).body, { deadLetters: [] });
    });

    it('a receiver that never accepts: the event lands in the dead letters, listed to its owner only; retry and ack', async () => {
      const got: Delivery[] = [];
      let status = 503;
      let secret = '';
      const s = receiver(
        () => secret,
        got,
        () => status,
      );
      const port = await serve(s);
      const made = await create(mallory, { condition: { kind: 'slash', entity: 'set', id: 's' }, webhook: `http://127.0.0.1:${port}/` });
      secret = made.body.secret;
      await slash('op');
      let letters: Answer | null = null;
      await until('a dead letter', async () => ((letters = await deadLetters(mallory)).body.deadLetters?.length ?? 0) > 0);
      const [letter] = letters!.body.deadLetters;
      assert.equal(letter.ruleId, made.body.id);
      assert.equal(letter.attempts, retry.attemptsMax);
      assert.equal(letter.lastError, 'HTTP 503');
      assert.equal(got.filter((g) => g.id === letter.event.id).length, retry.attemptsMax);
      assert.ok(got.every((g) => g.valid));
      assert.deepEqual(
        (await deadLetters(alice)).body.deadLetters.filter((l: any) => l.ruleId === made.body.id),
        [],
        'not listed to another account',
      );
      status = 200;
      const r = await postJson(
        `${base}/v1/alerts/dead-letters/${letter.event.id}/retry`,
        signed(mallory, { type: 'retryDeadLetter', id: letter.event.id }),
      );
      assert.deepEqual([r.status, r.body], [200, { retried: letter.event.id }]);
      await until('the retried delivery', () => got.filter((g) => g.id === letter.event.id).length > retry.attemptsMax);
      assert.deepEqual((await deadLetters(mallory)).body.deadLetters, []);
      status = 500; // dead again, then acknowledged
      await slash('op');
      await until('a second dead letter', async () => ((letters = await deadLetters(mallory)).body.deadLetters?.length ?? 0) > 0);
      const id = letters!.body.deadLetters[0].event.id;
      const byAlice = await call(`${base}/v1/alerts/dead-letters/${id}`, {
        method: 'DELETE',
        headers: headersOf(signed(alice, { type: 'ackDeadLetter', id })),
      });
      assert.deepEqual([byAlice.status, byAlice.body.code], [404, 'UNKNOWN_DEAD_LETTER']);
      const ack = await call(`${base}/v1/alerts/dead-letters/${id}`, {
        method: 'DELETE',
        headers: headersOf(signed(mallory, { type: 'ackDeadLetter', id })),
      });
      assert.deepEqual([ack.status, ack.body], [200, { acked: id }]);
      assert.deepEqual((await deadLetters(mallory)).body.deadLetters, []);
      await shut(s);
    });

    it('a restart keeps rules, request nonces, and re-sends a delivery left pending', async () => {
      const got: Delivery[] = [];
      let secret = '';
      const probe = receiver(
        () => secret,
        got,
        () => 200,
      );
      const port = await serve(probe);
      await shut(probe);
      const made = await create(alice, { condition: { kind: 'slash', entity: 'vault', id: 'v' }, webhook: `http://127.0.0.1:${port}/` });
      secret = made.body.secret;
      const rulesBefore = (await list(alice)).body.rules;
      const lastList = signed(alice, { type: 'listAlerts' });
      assert.equal((await call(`${base}/v1/alerts`, { headers: headersOf(lastList) })).status, 200);
      await slash('op');
      await until(
        'a failed attempt',
        async () =>
          (
            await service.sql!.query("SELECT attempts FROM alert_deliveries WHERE status = 'pending' AND rule_id = $1", [made.body.id])
          )[0]?.['attempts'] !== undefined,
      );
      await closeServer();
      const back = receiver(
        () => secret,
        got,
        () => 200,
      );
      await serve(back, port);
      await open();
      assert.deepEqual((await list(alice)).body.rules, rulesBefore);
      const replay = await call(`${base}/v1/alerts`, { headers: headersOf(lastList) });
      assert.deepEqual([replay.status, replay.body.code], [409, 'REQUEST_REPLAYED']);
      await until('the pending delivery, re-sent after the restart', () =>
        got.some((g) => g.valid && JSON.parse(g.body).ruleId === made.body.id),
      );
      await until(
        'the delivery row cleared',
        async () => (await service.sql!.query("SELECT 1 FROM alert_deliveries WHERE status = 'pending'")).length === 0,
      );
      await shut(back);
    });
  });
}
