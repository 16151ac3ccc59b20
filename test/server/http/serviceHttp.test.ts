// End to end over real HTTP on 127.0.0.1 port 0 with the real ledger service (openLedgerService),
// on PGlite and on PostgreSQL: signed commands, the answers of SPEC §9, reads at ?seq/?block,
// events, hostile input, and export → run reproducing the head's state hash.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { runLog } from '../../../src/core/runLog.js';
import { stateView } from '../../../src/core/state/view.js';
import { stateHash as stateHashOf } from '../../../src/core/state/stateHash.js';
import { signEnvelope } from '../../../src/server/envelope/signEnvelope.js';
import type { SignerKey } from '../../../src/server/envelope/signerKey.js';
import { buildServer } from '../../../src/server/http/buildServer.js';
import { openLedgerService } from '../../../src/server/service/openLedgerService.js';
import type { Envelope, LedgerServiceApi } from '../../../src/server/service/serviceApi.js';
import { backends, testKey, type Store } from './backends.js';
import { call, listen, postJson, readEvents } from './httpHelpers.js';

const exec = promisify(execFile);
const bin = fileURLToPath(new URL('../../../../bin/stakemesh.js', import.meta.url));
const chainId = 31337;
const admin = testKey('admin');
const opKey = testKey('operator');
const svcKey = testKey('service');
const alice = testKey('alice');
const bob = testKey('bob');
const e18 = '000000000000000000';

for (const backend of backends) {
  describe(`HTTP service on ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    let service: LedgerServiceApi;
    let app: FastifyInstance;
    let base: string;
    const nonces = new Map<string, number>();
    const sent: Envelope['command'][] = [];
    const sign = (key: SignerKey, command: Envelope['command'], nonce?: number): Envelope =>
      signEnvelope({ key, chainId, nonce: nonce ?? (nonces.get(key.account) ?? 0) + 1, command });
    const send = async (key: SignerKey, command: Envelope['command']): Promise<{ status: number; body: any }> => {
      const r = await postJson(`${base}/v1/commands`, sign(key, command));
      if (r.status === 200) {
        nonces.set(key.account, (nonces.get(key.account) ?? 0) + 1);
        sent.push(command);
      }
      return r;
    };

    before(async () => {
      store = await backend.fresh();
      service = await openLedgerService({
        dataDir: store.dataDir,
        database: store.database,
        chainId,
        admins: [admin.account],
        blockTimeS: 0,
        follow: false,
        snapshotEvery: 4,
      });
      app = buildServer({ service, limits: { requestsPerIpPerSecond: 1_000_000, requestsPerAccountPerSecond: 1_000_000 } });
      base = await listen(app);
    });
    after(async () => {
      await app?.close();
      await service?.close();
      await store?.drop();
    });

    it('admin, operator, service owner and staker each sign their commands; reads have the numbers of run --json', async () => {
      const steps: [SignerKey, Envelope['command']][] = [
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
      ];
      for (const [key, command] of steps) {
        const r = await send(key, command);
        assert.equal(r.status, 200, `${command.type}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.result.status, 'ok');
      }
      const expected = stateView(runLog(sent).state) as any;
      const staker = (await call(`${base}/v1/stakers/${alice.account}`)).body;
      assert.deepEqual(staker.vaults, expected.stakers[alice.account].vaults);
      assert.equal(staker.delegatedTo, 'op');
      assert.ok(staker.exposure.rows.length === 1 && staker.exposure.rows[0].set === 's', JSON.stringify(staker.exposure));
      assert.deepEqual((await call(`${base}/v1/operators/op`)).body, expected.operators.op);
      assert.deepEqual((await call(`${base}/v1/operators`)).body, expected.operators);
      assert.deepEqual((await call(`${base}/v1/sets/s`)).body.operators, ['op']);
      assert.deepEqual((await call(`${base}/v1/services/svc`)).body, { sets: ['s'] });
      assert.equal((await call(`${base}/v1/vaults/v`)).body.totalShares, expected.vaults.v.totalShares);
      const before = (await call(`${base}/v1/stakers/${alice.account}?seq=7`)).body;
      assert.equal(before.delegatedTo, null);
      const atBlock0 = (await call(`${base}/v1/operators/op?block=0`)).body;
      assert.deepEqual(atBlock0, stateView(runLog(sent.slice(0, 9)).state).operators!['op' as never]);
      assert.equal((await call(`${base}/v1/stakers/${alice.account}?seq=99`)).body.code, 'NOT_AT_SEQ');
      assert.deepEqual((await call(`${base}/v1/accounts/${alice.account}`)).body, { account: alice.account, nonce: '2', nextNonce: '3' });
      const head = (await call(`${base}/v1/head`)).body;
      assert.deepEqual(head, { ...service.head() });
      assert.equal(head.seq, steps.length);
    });

    it('SPEC §9 answers over HTTP: safe retry, forged signature, another account, nonces, concurrency, ledger refusal', async () => {
      const head = service.head();
      const dep = { type: 'deposit', staker: bob.account, vault: 'v', amount: `5${e18}` };
      const first = sign(bob, dep);
      const r1 = await postJson(`${base}/v1/commands`, first);
      assert.equal(r1.status, 200, JSON.stringify(r1.body));
      nonces.set(bob.account, 1);
      sent.push(dep);
      assert.deepEqual((await postJson(`${base}/v1/commands`, first)).body, r1.body, 'same envelope → same receipt');
      const forged = { ...sign(bob, dep), signature: sign(alice, dep, 2).signature };
      assert.deepEqual(await codeOf(postJson(`${base}/v1/commands`, forged)), [401, 'BAD_SIGNATURE']);
      assert.deepEqual(await codeOf(postJson(`${base}/v1/commands`, sign(alice, { ...dep }, 3))), [403, 'NOT_AUTHORIZED']);
      assert.deepEqual(await codeOf(postJson(`${base}/v1/commands`, sign(bob, { ...dep, amount: '7' }, 1))), [409, 'NONCE_USED']);
      assert.deepEqual(await codeOf(postJson(`${base}/v1/commands`, sign(bob, dep, 5))), [409, 'NONCE_GAP']);
      assert.deepEqual(await codeOf(postJson(`${base}/v1/commands`, sign(bob, { ...dep, vault: 'nope' }, 2))), [422, 'UNKNOWN_VAULT']);
      assert.deepEqual(await codeOf(postJson(`${base}/v1/commands`, sign(bob, { ...dep, colour: 'red' }, 2))), [422, 'BAD_FIELD']);
      assert.deepEqual(service.head(), { ...head, seq: head.seq + 1, logHash: r1.body.hash, stateHash: service.head().stateHash });
      const racing = await Promise.all([
        postJson(`${base}/v1/commands`, sign(bob, { ...dep, amount: '1' }, 2)),
        postJson(`${base}/v1/commands`, sign(bob, { ...dep, amount: '2' }, 2)),
      ]);
      assert.deepEqual(racing.map((r) => r.status).sort(), [200, 409], JSON.stringify(racing.map((r) => r.body)));
      const winner = racing.find((r) => r.status === 200)!;
      const winning = (await call(`${base}/v1/log?after=${winner.body.seq - 1}&limit=1`)).body.entries[0];
      sent.push(winning.envelope.command);
      nonces.set(bob.account, 2);
      const sql = await call(`${base}/v1/stakers/${encodeURIComponent("x');DROP/**/TABLE/**/log;--")}`);
      assert.deepEqual([sql.status, sql.body.code], [404, 'UNKNOWN_STAKER']);
      assert.deepEqual(await codeOf(call(`${base}/v1/stakers/a%00b`)), [400, 'BAD_ID']);
      assert.deepEqual(await codeOf(postJson(`${base}/v1/commands`, '{"account":')), [400, 'PARSE_ERROR']);
      assert.deepEqual(await codeOf(postJson(`${base}/v1/commands`, JSON.stringify([first, 'x'.repeat(1 << 20)]))), [413, 'TOO_LARGE']);
      assert.equal((await call(`${base}/v1/log?after=0`)).body.entries.length, service.head().seq, 'log intact after hostile input');
    });

    it('events: live delivery of commits and resume with Last-Event-ID', async () => {
      const seq = service.head().seq;
      const live = readEvents(`${base}/v1/events`, 2);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal((await send(admin, { type: 'setPrice', asset: 'stETH', price: '3600' })).status, 200);
      assert.equal((await send(svcKey, { type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.01' })).status, 200);
      const got = await live;
      assert.deepEqual(
        got.map((e) => [e.id, e.event]),
        [
          [String(seq + 1), 'command'],
          [String(seq + 2), 'command'],
        ],
      );
      const resumed = await readEvents(`${base}/v1/events`, 3, { 'last-event-id': String(seq) });
      assert.deepEqual(
        resumed.map((e) => [e.id, e.event]),
        [
          [String(seq + 1), 'command'],
          [String(seq + 2), 'command'],
          [String(seq + 2), 'slash'],
        ],
      );
      assert.equal(resumed[2]!.data.operator, 'op');
    });

    it('stakemesh export verifies the log and stakemesh run replays it to the head state hash', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'stakemesh-export-')), 'log.jsonl');
      // Asynchronous: the server under test lives in this process.
      const ex = await exec(process.execPath, [bin, 'export', '--url', base, '--out', out]);
      assert.match(ex.stdout, /signatures and hash chain verified/);
      const run = await exec(process.execPath, [bin, 'run', out, '--json'], { maxBuffer: 1 << 26 });
      const replay = JSON.parse(run.stdout);
      assert.equal(replay.stateHash, service.head().stateHash);
      assert.ok(replay.results.every((r: { status: string }) => r.status === 'ok'));
      assert.equal(replay.stateHash, runLogHash(sent));
    });
  });
}

async function codeOf(p: Promise<{ status: number; body: any }>): Promise<[number, string]> {
  const r = await p;
  return [r.status, r.body.code];
}

function runLogHash(commands: readonly unknown[]): string {
  const { state } = runLog(commands);
  return stateHashOf(state);
}
