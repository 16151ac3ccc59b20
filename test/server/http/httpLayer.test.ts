// The HTTP layer alone, over real HTTP on 127.0.0.1 port 0, with an in-memory service double:
// routing, validation, error shapes, bounds, OpenAPI, SSE framing. End-to-end: serviceHttp.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src/server/http/buildServer.js';
import { memoryService } from './memoryService.js';
import { call, listen, postJson, readEvents } from './httpHelpers.js';

const alice = `ed25519:${'a'.repeat(64)}`;
const sig = 'ab'.repeat(64);
const setup = [
  { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' },
  { type: 'createVault', vault: 'v', asset: 'stETH' },
  { type: 'registerOperator', operator: 'op' },
  { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
  { type: 'delegate', staker: 'alice', operator: 'op' },
];
const envelope = (nonce: number, command: Record<string, unknown>): Record<string, unknown> => ({
  account: alice,
  nonce: String(nonce),
  command,
  signature: sig,
});

describe('HTTP layer (service double)', () => {
  let app: FastifyInstance;
  let base: string;
  const service = memoryService();

  before(async () => {
    app = buildServer({ service, limits: { requestsPerIpPerSecond: 100_000, sseHeartbeatMs: 50 } });
    base = await listen(app);
  });
  after(async () => {
    await app.close();
  });

  it('POST one envelope → receipt; a batch → receipts; GET /v1/head and /v1/log follow', async () => {
    const one = await postJson(`${base}/v1/commands`, envelope(1, setup[0]!));
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.deepEqual(Object.keys(one.body), ['seq', 'block', 'hash', 'result']);
    assert.equal(one.body.seq, 1);
    const batch = await postJson(
      `${base}/v1/commands`,
      setup.slice(1).map((c, i) => envelope(i + 2, c)),
    );
    assert.equal(batch.status, 200, JSON.stringify(batch.body));
    assert.deepEqual(
      batch.body.map((r: { seq: number }) => r.seq),
      [2, 3, 4, 5],
    );
    const head = await call(`${base}/v1/head`);
    assert.deepEqual(head.body, service.head());
    const page = await call(`${base}/v1/log?after=1&limit=2`);
    assert.deepEqual(
      page.body.entries.map((e: { seq: number }) => e.seq),
      [2, 3],
    );
    assert.equal(page.body.entries[0].prevHash, one.body.hash);
    const acct = await call(`${base}/v1/accounts/${encodeURIComponent(alice)}`);
    assert.deepEqual(acct.body, { account: alice, nonce: '5', nextNonce: '6' });
  });

  it('a batch is all or nothing: a refused command answers its ledger code with its index, nothing appended', async () => {
    const before = service.head();
    const r = await postJson(`${base}/v1/commands`, [
      envelope(6, { type: 'createVault', vault: 'w', asset: 'stETH' }),
      envelope(7, { type: 'deposit', staker: 'alice', vault: 'nope', amount: '1' }),
    ]);
    assert.equal(r.status, 422);
    assert.equal(r.body.code, 'UNKNOWN_VAULT');
    assert.match(r.body.message, /envelope 1/);
    assert.deepEqual(service.head(), before);
  });

  it('entity reads have run --json numbers; ?seq= reads the past; unknown ids are 404 with a catalogue code', async () => {
    const staker = await call(`${base}/v1/stakers/alice`);
    assert.equal(staker.status, 200);
    assert.deepEqual(staker.body.vaults.v, {
      depositShares: '1000',
      withdrawableShares: '1000',
      depositScalingFactor: '1000000000000000000',
    });
    assert.equal(staker.body.delegatedTo, 'op');
    assert.deepEqual(staker.body.exposure, { rows: [], total: '0' });
    const past = await call(`${base}/v1/stakers/alice?seq=4`);
    assert.equal(past.body.delegatedTo, null);
    assert.equal((await call(`${base}/v1/stakers/alice?seq=3`)).body.code, 'UNKNOWN_STAKER');
    const future = await call(`${base}/v1/stakers/alice?seq=999`);
    assert.deepEqual([future.status, future.body.code], [404, 'NOT_AT_SEQ']);
    assert.equal((await call(`${base}/v1/stakers/alice?seq=1&block=2`)).body.code, 'BAD_FIELD');
    assert.equal((await call(`${base}/v1/stakers/alice?seq=-1`)).body.code, 'BAD_FIELD');
    assert.equal((await call(`${base}/v1/operators/op`)).body.vaults.v.shares, '1000');
    assert.deepEqual(Object.keys((await call(`${base}/v1/operators`)).body), ['op']);
    assert.equal((await call(`${base}/v1/vaults/v`)).body.totalShares, '1000');
    for (const [path, code] of [
      ['operators/x', 'UNKNOWN_OPERATOR'],
      ['services/x', 'UNKNOWN_SERVICE'],
      ['sets/x', 'UNKNOWN_SET'],
      ['vaults/x', 'UNKNOWN_VAULT'],
      ['stakers/x', 'UNKNOWN_STAKER'],
      ['lrts/x', 'UNKNOWN_LRT'],
      ['insurance/x', 'UNKNOWN_POOL'],
      ['withdrawals/x', 'UNKNOWN_WITHDRAWAL'],
    ]) {
      const r = await call(`${base}/v1/${path}`);
      assert.deepEqual([r.status, r.body.code], [404, code], path);
    }
  });

  it('ids with SQL or control characters: 404 or 400 BAD_ID, never a 500, server alive', async () => {
    const sql = await call(`${base}/v1/stakers/${encodeURIComponent("alice';DROP/**/TABLE/**/log;--")}`);
    assert.deepEqual([sql.status, sql.body.code], [404, 'UNKNOWN_STAKER']);
    for (const id of ['a\u0000b', 'a\nb', 'a\u001bb', ' ', '__proto__', 'x'.repeat(129), 'y'.repeat(600)]) {
      const r = await call(`${base}/v1/stakers/${encodeURIComponent(id)}`);
      assert.deepEqual([r.status, r.body.code], [400, 'BAD_ID'], JSON.stringify(id));
      assert.equal(r.body.message.split('Ids are').length, 2, 'the catalogue text once');
    }
    assert.equal((await call(`${base}/healthz`)).body.ok, true);
  });

  it('malformed JSON, oversized body, wrong content type, bad envelopes: catalogue codes, no fastify shape or stack', async () => {
    const cases: [() => Promise<{ status: number; body: { code: string; message: string } }>, number, string][] = [
      [() => postJson(`${base}/v1/commands`, '{"account": '), 400, 'PARSE_ERROR'],
      [() => postJson(`${base}/v1/commands`, '{"__proto__": {"x": 1}}'), 400, 'PARSE_ERROR'],
      [() => postJson(`${base}/v1/commands`, ''), 400, 'PARSE_ERROR'],
      [() => postJson(`${base}/v1/commands`, JSON.stringify({ pad: 'x'.repeat(1024 * 1024) })), 413, 'TOO_LARGE'],
      [
        () => call(`${base}/v1/commands`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }),
        415,
        'BAD_CONTENT_TYPE',
      ],
      [() => postJson(`${base}/v1/commands`, { ...envelope(6, setup[0]!), extra: 1 }), 400, 'BAD_ENVELOPE'],
      [() => postJson(`${base}/v1/commands`, { ...envelope(6, setup[0]!), nonce: 6 }), 400, 'BAD_ENVELOPE'],
      [() => postJson(`${base}/v1/commands`, []), 400, 'BAD_ENVELOPE'],
      [
        () =>
          postJson(
            `${base}/v1/commands`,
            Array.from({ length: 257 }, (_, i) => envelope(i + 6, setup[0]!)),
          ),
        413,
        'TOO_LARGE',
      ],
      [() => postJson(`${base}/v1/commands`, envelope(6, { ...setup[0]!, asset: 'x', colour: 'red' })), 422, 'BAD_FIELD'],
      [() => call(`${base}/v1/nothing`), 404, 'NO_ROUTE'],
      [() => call(`${base}/v1/log?limit=100000`), 400, 'NUMBER_OUT_OF_RANGE'],
      [() => call(`${base}/v1/log?after=abc`), 400, 'BAD_FIELD'],
      [() => call(`${base}/v1/log?sneaky=1`), 400, 'BAD_FIELD'],
    ];
    const head = service.head();
    for (const [send, status, code] of cases) {
      const r = await send();
      assert.deepEqual([r.status, r.body.code], [status, code], JSON.stringify(r.body));
      assert.deepEqual(Object.keys(r.body), ['code', 'message']);
      assert.doesNotMatch(r.body.message, /\n\s+at /);
    }
    assert.deepEqual(service.head(), head);
  });

  it('OpenAPI 3.1 document lists every route, with schemas; /docs is self-contained', async () => {
    const doc = (await call(`${base}/openapi.json`)).body;
    assert.equal(doc.openapi, '3.1.0');
    const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([p, ms]) =>
      Object.keys(ms).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const fastifyRoutes = app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((l) => /\S/.test(l));
    assert.ok(fastifyRoutes.length > 0);
    for (const r of [
      'POST /v1/commands',
      'GET /v1/head',
      'GET /v1/log',
      'GET /v1/accounts/{account}',
      'GET /v1/operators',
      'GET /v1/operators/{id}',
      'GET /v1/services',
      'GET /v1/services/{id}',
      'GET /v1/sets/{id}',
      'GET /v1/vaults/{id}',
      'GET /v1/stakers/{id}',
      'GET /v1/lrts/{id}',
      'GET /v1/insurance/{id}',
      'GET /v1/withdrawals/{id}',
      'GET /v1/events',
      'GET /healthz',
      'GET /metrics',
      'GET /openapi.json',
      'GET /docs',
    ]) {
      assert.ok(routes.includes(r), r);
    }
    const body = doc.paths['/v1/commands'].post.requestBody.content['application/json'].schema;
    assert.ok(JSON.stringify(body).includes('"additionalProperties":false'));
    const html = (await call(`${base}/docs`)).body as string;
    assert.match(html, /<script>/);
    assert.doesNotMatch(html, /src="http|href="http/);
  });

  it('/metrics counts requests and reports the head', async () => {
    const text = (await call(`${base}/metrics`)).body as string;
    assert.match(text, /stakemesh_http_requests_total\{method="GET",route="\/v1\/head",status="200"\} \d+/);
    assert.match(text, new RegExp(`stakemesh_head_seq ${service.head().seq}`));
    assert.match(text, /stakemesh_http_request_duration_seconds_bucket/);
    assert.match(text, /stakemesh_commits_total [1-9]/);
  });

  it('SSE: replays after ?after= or Last-Event-ID, then delivers new commits live, id = seq', async () => {
    const all = await readEvents(`${base}/v1/events?after=0`, 5);
    assert.deepEqual(
      all.map((e) => e.id),
      ['1', '2', '3', '4', '5'],
    );
    assert.equal(all[3]!.data.command.type, 'deposit');
    const resumed = readEvents(`${base}/v1/events`, 3, { 'last-event-id': '3' });
    await new Promise((r) => setTimeout(r, 100));
    await postJson(`${base}/v1/commands`, envelope(6, { type: 'createService', service: 'svc' }));
    const got = await resumed;
    assert.deepEqual(
      got.map((e) => [e.id, e.event]),
      [
        ['4', 'command'],
        ['5', 'command'],
        ['6', 'command'],
      ],
    );
    const bad = await call(`${base}/v1/events`, { headers: { 'last-event-id': 'x' } });
    assert.equal(bad.body.code, 'BAD_FIELD');
  });
});

describe('HTTP limits', () => {
  it('429 RATE_LIMITED with Retry-After per IP and per account; SSE clients bounded', async () => {
    const service = memoryService();
    // one fixed instant: the burst below must fall in one window (with the real clock it straddled two when slow)
    const now = (): number => 1_700_000_000_500;
    const app = buildServer({ service, now, limits: { requestsPerIpPerSecond: 5, requestsPerAccountPerSecond: 2, sseClientsMax: 0 } });
    const base = await listen(app);
    try {
      const ev = await call(`${base}/v1/events`);
      assert.deepEqual([ev.status, ev.body.code], [503, 'TOO_MANY_CLIENTS']);
      const answers = [];
      for (let i = 0; i < 4; i++)
        answers.push(await postJson(`${base}/v1/commands`, envelope(i + 1, { type: 'createService', service: `s${i}` })));
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200, 429, 429],
      );
      assert.equal(answers[2]!.body.code, 'RATE_LIMITED');
      assert.equal(answers[2]!.headers.get('retry-after'), '1');
      const more = [];
      for (let i = 0; i < 3; i++) more.push((await call(`${base}/v1/head`)).status);
      assert.ok(more.includes(429), more.join());
    } finally {
      await app.close();
    }
  });
});
