// Crash test (issue 10): `stakemesh serve` as a child process, 16 concurrent signed writers,
// `kill -9` mid-load at 20 kill points per backend, restart. Every acknowledged receipt must be in
// the log with its hash, the chain must link, nothing unacknowledged may be half applied, and
// `stakemesh export` + `stakemesh run` must reproduce the head's state hash.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { signEnvelope } from '../../../src/server/envelope/signEnvelope.js';
import type { SignerKey } from '../../../src/server/envelope/signerKey.js';
import type { LogEntry, Receipt } from '../../../src/server/service/serviceApi.js';
import { entryHash, genesisHash } from '../../../src/store/entryHash.js';
import { jcs } from '../../../src/store/jcs.js';
import { backends, testKey } from './backends.js';
import { call, postJson } from './httpHelpers.js';
import { spawnServe, type ServeProcess } from './spawnServe.js';

const exec = promisify(execFile);
const bin = fileURLToPath(new URL('../../../../bin/stakemesh.js', import.meta.url));
/** Kill points per backend (issue 10). */
const killPoints = 20;
const writerCount = 16;
const chainId = 31337;
const admin = testKey('crash-admin');
const writers = Array.from({ length: writerCount }, (_, i) => testKey(`crash-writer-${i}`));

interface Acked {
  readonly receipt: Receipt;
  readonly account: string;
  readonly nonce: string;
}

/** One writer: deposits with consecutive nonces until the server goes away; resyncs its nonce on 409. */
async function writer(url: string, key: SignerKey, acked: Acked[], stop: { now: boolean }): Promise<void> {
  let next: bigint | null = null;
  while (!stop.now) {
    try {
      if (next === null) next = BigInt((await call(`${url}/v1/accounts/${key.account}`)).body.nextNonce);
      const env = signEnvelope({
        key,
        chainId,
        nonce: next,
        command: { type: 'deposit', staker: key.account, vault: 'v', amount: '1000' },
      });
      const r = await postJson(`${url}/v1/commands`, env);
      if (r.status === 200) {
        acked.push({ receipt: r.body, account: key.account, nonce: env.nonce });
        next += 1n;
      } else if (r.status === 409) next = null;
      else throw new Error(`unexpected answer ${r.status} ${JSON.stringify(r.body)}`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('unexpected')) throw e;
      return; // connection refused or reset: the server was killed
    }
  }
}

async function wholeLog(url: string): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for (;;) {
    const page = (await call(`${url}/v1/log?after=${out.length}&limit=1000`)).body.entries as LogEntry[];
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

function checkChain(log: readonly LogEntry[]): void {
  let prev = genesisHash;
  log.forEach((e, i) => {
    assert.equal(e.seq, i + 1);
    assert.equal(e.prevHash, prev, `seq ${e.seq} links to the previous hash`);
    assert.equal(entryHash(prev, jcs(e.envelope) ?? ''), e.hash, `seq ${e.seq} hash`);
    prev = e.hash;
  });
}

for (const backend of backends) {
  describe(`crash: kill -9 under 16 writers on ${backend.name}`, { skip: backend.skip }, () => {
    it(`${killPoints} kill points: acknowledged = logged, chain links, export + run = head state hash`, async () => {
      const store = await backend.fresh();
      const args = [
        '--data-dir',
        store.dataDir,
        ...(store.database ? ['--database', store.database] : []),
        '--admin',
        admin.account,
        '--block-time',
        '0',
        '--snapshot-every',
        '7',
        '--rate-ip',
        '1000000',
        '--rate-account',
        '1000000',
      ];
      let server: ServeProcess | null = null;
      try {
        server = await spawnServe(args);
        for (const [n, command] of [
          [1, { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '3500' }],
          [2, { type: 'createVault', vault: 'v', asset: 'stETH' }],
        ] as const) {
          assert.equal((await postJson(`${server.url}/v1/commands`, signEnvelope({ key: admin, chainId, nonce: n, command }))).status, 200);
        }
        const acked: Acked[] = [];
        for (let k = 0; k < killPoints; k++) {
          const url = server.url;
          const stop = { now: false };
          const before = acked.length;
          const target = before + 2 + ((k * 7) % 13); // a different depth into the load each time
          const load = Promise.all(writers.map((w) => writer(url, w, acked, stop)));
          while (acked.length < target) await new Promise((r) => setTimeout(r, 2));
          server.child.kill('SIGKILL'); // mid-load: requests are in flight
          await server.exited;
          stop.now = true;
          await load;
          server = await spawnServe(args);
          const log = await wholeLog(server.url);
          checkChain(log);
          const head = (await call(`${server.url}/v1/head`)).body;
          assert.equal(head.seq, log.length);
          for (const a of acked) {
            const e = log[a.receipt.seq - 1];
            assert.ok(e, `acknowledged seq ${a.receipt.seq} is in the log (kill point ${k})`);
            assert.equal(e.hash, a.receipt.hash);
            assert.deepEqual([e.envelope.account, e.envelope.nonce], [a.account, a.nonce]);
          }
        }
        const out = join(mkdtempSync(join(tmpdir(), 'stakemesh-crash-')), 'log.jsonl');
        const ex = await exec(process.execPath, [bin, 'export', '--url', server.url, '--out', out]);
        assert.match(ex.stdout, /verified/);
        const run = JSON.parse((await exec(process.execPath, [bin, 'run', out, '--json'], { maxBuffer: 1 << 26 })).stdout);
        const head = (await call(`${server.url}/v1/head`)).body;
        assert.equal(run.stateHash, head.stateHash);
        assert.ok(acked.length >= killPoints * 2);
        // Every deposit was applied whole: the vault holds exactly 1000 per logged deposit.
        const deposits = run.results.filter((r: { type: string }) => r.type === 'deposit').length;
        assert.equal(run.state.vaults.v.balance, String(deposits * 1000));
      } finally {
        server?.child.kill('SIGKILL');
        if (server) await server.exited;
        await store.drop();
      }
    });
  });
}
