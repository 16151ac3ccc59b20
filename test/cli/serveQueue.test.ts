// `serve --queue redis://…` (SPEC §10): risk jobs on BullMQ, run by a `stakemesh worker` child process; bad or
// unreachable queues refused at start; Redis lost mid-run → jobs fail retryably while the fast figures go on.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import type { Envelope } from '../../src/server/service/serviceApi.js';
import { freePort, randomPrefix, startRedis, startWorker, stop } from '../jobs/redisHarness.js';
import { call, postJson } from '../server/http/httpHelpers.js';
import { spawnServe } from '../server/http/spawnServe.js';
import { Signer } from '../server/service/serviceHarness.js';

const redisUrl = process.env.STAKEMESH_TEST_REDIS_URL;
const W = 10n ** 18n;

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['bin/stakemesh.js', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

test('serve and worker refuse a bad --queue URL and an unreachable Redis with a catalogue error, no stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'stakemesh-queue-'));
  const closed = `redis://127.0.0.1:${await freePort()}`;
  try {
    const answers = await Promise.all([
      run(['serve', '--port', '0', '--data-dir', dir, '--queue', 'http://example.org']),
      run(['serve', '--port', '0', '--data-dir', dir, '--queue', closed]),
      run(['worker', '--queue', closed]),
      run(['serve', '--port', '0', '--data-dir', dir, '--queue', closed, '--queue-wait', 'x']),
    ]);
    const codes = ['BAD_OPTION', 'QUEUE_UNAVAILABLE', 'QUEUE_UNAVAILABLE', 'BAD_OPTION'];
    for (const [i, a] of answers.entries()) {
      assert.equal(a.code, 2, a.stderr);
      assert.match(a.stderr, new RegExp(`^stakemesh: ${codes[i]}: `), a.stderr);
      assert.doesNotMatch(a.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.match(answers[1]!.stderr, /cannot reach Redis at redis:\/\/127\.0\.0\.1/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A small network whose heuristic figures are bounds (the exact job has something to prove), as signed envelopes. */
function networkEnvelopes(): { envelopes: Envelope[]; staker: Signer; nextOf: (s: Signer, c: Envelope['command']) => Envelope } {
  const admin = new Signer('ed25519', 0xa1);
  const owner = new Signer('ed25519', 0xc2);
  const ops = new Signer('ed25519', 0xc3);
  const envelopes: Envelope[] = [];
  const nextOf = (s: Signer, c: Envelope['command']): Envelope => {
    s.nonce += 1n;
    return s.env(c, s.nonce);
  };
  const add = (s: Signer, c: Envelope['command']): void => void envelopes.push(nextOf(s, c));
  add(admin, { type: 'configure', withdrawalDelayBlocks: 5, deallocationDelayBlocks: 5, allocationConfigurationDelayBlocks: 0 });
  add(admin, { type: 'registerAsset', asset: 'ETH', decimals: 18, price: '1' });
  add(admin, { type: 'createVault', vault: 'v', asset: 'ETH' });
  add(owner, { type: 'createService', service: 'S' });
  add(owner, { type: 'createOperatorSet', service: 'S', set: 'x', vaults: ['v'], profitFromCorruption: '14', attackThreshold: '1/2' });
  add(owner, { type: 'createOperatorSet', service: 'S', set: 'y', vaults: ['v'], profitFromCorruption: '25', attackThreshold: '2/3' });
  const table: [string, bigint, [string, bigint][]][] = [
    [
      'a',
      10n,
      [
        ['x', 6n],
        ['y', 4n],
      ],
    ],
    [
      'b',
      20n,
      [
        ['x', 7n],
        ['y', 13n],
      ],
    ],
    [
      'c',
      30n,
      [
        ['x', 11n],
        ['y', 19n],
      ],
    ],
  ];
  let staker = admin;
  for (const [i, [op, stake, allocs]] of table.entries()) {
    staker = new Signer('ed25519', 0xd1 + i);
    add(ops, { type: 'registerOperator', operator: op });
    add(staker, { type: 'deposit', staker: staker.account, vault: 'v', amount: String(stake * W) });
    add(staker, { type: 'delegate', staker: staker.account, operator: op });
    for (const [set, amount] of allocs) {
      add(ops, { type: 'registerForOperatorSet', operator: op, set });
      add(ops, { type: 'allocate', operator: op, set, vault: 'v', magnitude: String((amount * W) / stake) });
    }
  }
  return { envelopes, staker, nextOf };
}

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test(
  'serve --queue: exact figures proven by a `stakemesh worker` process; Redis lost → fast figures go on, jobs fail retryably',
  { skip: !redisUrl && 'STAKEMESH_TEST_REDIS_URL unset (.ci/run starts redis-server and sets it)', timeout: 170_000 },
  async () => {
    // our own redis-server (Debian's, as .ci/run uses), so that this test may kill it
    const redis = await startRedis(await freePort());
    const port = (redis.spawnargs[redis.spawnargs.indexOf('--port') + 1] ?? '').toString();
    const queueUrl = `redis://127.0.0.1:${port}/?prefix=${randomPrefix()}`;
    const dir = mkdtempSync(join(tmpdir(), 'stakemesh-queue-'));
    const admin = new Signer('ed25519', 0xa1);
    const serve = await spawnServe(['--data-dir', dir, '--admin', admin.account, '--queue', queueUrl, '--queue-wait', '2']);
    let worker: ChildProcess | null = null;
    try {
      const net = networkEnvelopes();
      const posted = await postJson(`${serve.url}/v1/commands`, net.envelopes);
      assert.equal(posted.status, 200, JSON.stringify(posted.body));
      const head = (await call(`${serve.url}/v1/head`)).body as { seq: number };
      // no worker yet: the fast figures are there, the exact ones wait in the queue
      const fast = await until('fast figures of the head', 30_000, async () => {
        const r = (await call(`${serve.url}/v1/risk`)).body;
        return r.at.seq === head.seq && r.network.slack.seq === head.seq ? r : undefined;
      });
      assert.equal(fast.network.slack.proven, false);
      assert.equal(fast.services.x.costToCorrupt.proven, false);
      worker = await startWorker(queueUrl, 1500);
      const proven = await until('exact figures proven through the queue', 120_000, async () => {
        const r = (await call(`${serve.url}/v1/risk`)).body;
        return r.network.slack.proven === true ? r : undefined;
      });
      for (const f of [
        proven.network.slack,
        proven.network.secure,
        proven.network.bestAttackProfit,
        proven.services.x.costToCorrupt,
        proven.services.y.costToCorrupt,
      ]) {
        assert.equal(f.proven, true);
        assert.equal(f.seq, head.seq);
      }
      const r = new Redis(`redis://127.0.0.1:${port}`);
      assert.ok((await r.keys('smjobs-test-*:stakemesh:input:*')).length > 0, 'the job input went through Redis');
      r.disconnect();

      // Redis lost: serve stays up, the next commit's fast figures are published, jobs fail with a retryable code
      await stop(redis, 'SIGKILL');
      const more = await postJson(
        `${serve.url}/v1/commands`,
        net.nextOf(net.staker, { type: 'deposit', staker: net.staker.account, vault: 'v', amount: String(5n * W) }),
      );
      assert.equal(more.status, 200, JSON.stringify(more.body));
      const after = await until('fast figures after the commit', 30_000, async () => {
        const b = (await call(`${serve.url}/v1/risk`)).body;
        return b.at.seq === more.body.seq ? b : undefined;
      });
      assert.equal(after.operators.c.stake.value, '35');
      assert.equal(after.network.slack.proven, false, 'the bounds of the new state stay until proven');
      const failed = await until('montecarlo job failing for the lost queue', 30_000, async () => {
        const b = (await call(`${serve.url}/v1/risk/montecarlo`)).body;
        return b.status === 'failed' ? b : undefined;
      });
      assert.equal(failed.code, 'QUEUE_UNAVAILABLE');
      assert.equal(failed.retryable, true);
      assert.equal((await call(`${serve.url}/healthz`)).status, 200);
      assert.equal(serve.child.exitCode, null, 'serve is still running');
    } finally {
      if (worker) await stop(worker, 'SIGKILL');
      serve.child.kill('SIGTERM');
      await serve.exited;
      await stop(redis, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
