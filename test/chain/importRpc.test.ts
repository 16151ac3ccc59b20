import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importRpc, type RpcImportOptions } from '../../src/chain/importRpc.js';
import { preprod } from '../../src/chain/networks.js';
import { readManifest } from '../../src/chain/output/manifest.js';
import type { RetryPolicy } from '../../src/chain/source/retry.js';
import { verifyImport } from '../../src/chain/verify/verifyImport.js';
import { allocationOf } from '../../src/core/allocation/allocations.js';
import { withdrawableShares } from '../../src/core/shares/stakerMath.js';
import { slashingFactorOf } from '../../src/core/native/slashingFactor.js';
import type { LedgerState } from '../../src/core/state/state.js';
import { StakemeshFailure } from '../../src/errors/result.js';
import { FakeRpcServer, type ServedLog, type ViewFn } from './fakeRpcServer.js';
import { randomHistory } from './randomHistory.js';
import { hashAtBlock, replayImported } from './importedLog.js';

const WAD = 10n ** 18n;
const confirmations = 6;
const sleeps: number[] = [];
/** Tiny real waits, a fixed jitter source: the test is fast and repeatable. */
const policy: RetryPolicy = {
  retries: 4,
  backoffMs: 2,
  backoffMaxMs: 8,
  random: () => 0.5,
  sleep: (ms) => (sleeps.push(ms), new Promise((r) => setTimeout(r, ms))),
};

/** The contract views, answered from the emulated chain's ledger (the "contracts"). */
function views(state: LedgerState): ViewFn {
  const ov = (op: unknown, s: unknown) => state.operators.get(String(op).toLowerCase())?.vaults.get(String(s).toLowerCase());
  return (fn, args) => {
    if (fn === 'getMaxMagnitude') return ov(args[0], args[1])?.maxMagnitude ?? WAD;
    if (fn === 'getEncumberedMagnitude') return ov(args[0], args[1])?.encumbered ?? 0n;
    if (fn === 'operatorShares') return ov(args[0], args[1])?.shares ?? 0n;
    if (fn === 'getAllocation') {
      const set = args[1] as { avs: string; id: number };
      const op = state.operators.get(String(args[0]).toLowerCase());
      const a = op
        ? allocationOf(op, `${set.avs.toLowerCase()}:${set.id}`, String(args[2]).toLowerCase())
        : { current: 0n, pending: 0n, effectBlock: null };
      return { currentMagnitude: a.current, pendingDiff: a.pending, effectBlock: a.effectBlock ?? 0 };
    }
    if (fn === 'getWithdrawableShares') {
      const staker = state.stakers.get(String(args[0]).toLowerCase());
      const strategies = (args[1] as string[]).map((s) => s.toLowerCase());
      const pos = strategies.map((s) => staker?.positions.get(s) ?? { depositShares: 0n, scalingFactor: WAD });
      return [
        pos.map((p, i) =>
          withdrawableShares(p, slashingFactorOf(state, String(args[0]).toLowerCase(), staker?.delegatedTo ?? null, strategies[i] ?? '')),
        ),
        pos.map((p) => p.depositShares),
      ];
    }
    throw new Error(`view ${fn}`);
  };
}

const em = randomHistory(7, 160);
const lastBlock = em.logs[em.logs.length - 1]?.block ?? 0;
const firstBlock = em.logs[0]?.block ?? 0;

describe('import eigenlayer --rpc against a JSON-RPC node on loopback (scripted chain, real ABI encoding)', () => {
  let server: FakeRpcServer;
  let dir: string;
  const opts = (name: string, extra: Partial<RpcImportOptions> = {}): RpcImportOptions => ({
    url: server.url,
    network: preprod,
    out: join(dir, `${name}.jsonl`),
    manifestPath: join(dir, `${name}.manifest.json`),
    fromBlock: firstBlock,
    confirmations,
    windowBlocks: 64,
    resume: false,
    policy,
    ...extra,
  });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stakemesh-rpc-'));
    server = new FakeRpcServer(preprod.chainId, lastBlock + confirmations + 3, [], views(em.state));
    server.logs = em.rawLogs((b) => server.blockHash(b)) as unknown as ServedLog[];
    await server.start();
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports through provider errors (windows halve), 429s (backoff, same window) and reaches the same state', async () => {
    server.maxRange = 20;
    server.faults.push(
      { method: 'eth_getLogs', fault: 'http500' },
      { method: 'eth_getLogs', fault: 'http429' },
      { method: 'eth_getLogs', fault: 'http429' },
      { method: 'eth_getBlockByNumber', fault: 'rpcError' },
    );
    const before = server.requests.length;
    const m = await importRpc(opts('full'));
    server.maxRange = Number.MAX_SAFE_INTEGER;
    assert.equal(m.toBlock, server.head - confirmations);
    assert.equal(m.head.hash, server.blockHash(m.toBlock));
    assert.equal(m.unexpressibleCount, 0);
    assert.equal(m.mismatchCount, 0);
    assert.equal(m.events, em.logs.length);
    const ranges = server.requests
      .slice(before)
      .filter((r) => r.method === 'eth_getLogs')
      .map((r) => {
        const f = r.params[0] as { fromBlock: string; toBlock: string };
        return Number(f.toBlock) - Number(f.fromBlock) + 1;
      });
    assert.equal(ranges[0], 64);
    assert.equal(
      ranges.some((n) => n <= 20),
      true,
      'the window halved below the provider cap',
    );
    assert.equal(sleeps.length >= 2, true, '429s were waited out');
    assert.equal(
      createHash('sha256')
        .update(readFileSync(join(dir, 'full.jsonl')))
        .digest('hex'),
      m.log.sha256,
    );
    assert.equal(hashAtBlock(replayImported(join(dir, 'full.jsonl')), em.state.block), hashAtBlock(em.state, em.state.block));
  });

  it('--verify: the ledger and the contract views agree; a changed view shows up in the table', async () => {
    const m = readManifest(join(dir, 'full.manifest.json'));
    const ok = await verifyImport({ url: server.url, network: preprod, logPath: join(dir, 'full.jsonl'), block: m.toBlock, policy });
    assert.equal(ok.checked > 20, true);
    assert.deepEqual(ok.differences, []);
    const honest = server.view;
    const victim = [...em.state.operators.keys()][0] ?? '';
    server.view = (fn, args) => (fn === 'getMaxMagnitude' && String(args[0]).toLowerCase() === victim ? 123n : honest(fn, args));
    const bad = await verifyImport({ url: server.url, network: preprod, logPath: join(dir, 'full.jsonl'), block: m.toBlock, policy });
    server.view = honest;
    assert.equal(bad.differences.length > 0, true);
    assert.equal(
      bad.differences.every((d) => d.what === 'maxMagnitude' && d.chain === '123' && d.key.startsWith(victim)),
      true,
    );
  });

  it('an import interrupted by an outage resumes from its manifest to the same log', async () => {
    server.outageAfter = server.getLogsServed + 4;
    await assert.rejects(
      importRpc(opts('cut', { windowBlocks: 32 })),
      (e: unknown) => e instanceof StakemeshFailure && e.code === 'RPC_FAILED',
    );
    server.outageAfter = null;
    const partial = readManifest(join(dir, 'cut.manifest.json'));
    assert.equal(partial.toBlock < server.head - confirmations, true);
    // A crash after writing lines of an unfinished window: the resume cuts them off.
    appendFileSync(join(dir, 'cut.jsonl'), '{"type":"advance","blocks":1}\n');
    const m = await importRpc(opts('cut', { windowBlocks: 32, resume: true, fromBlock: undefined }));
    const full = readManifest(join(dir, 'full.manifest.json'));
    assert.equal(m.toBlock, full.toBlock);
    assert.equal(m.stateHash, full.stateHash);
    assert.equal(readFileSync(join(dir, 'cut.jsonl'), 'utf8'), readFileSync(join(dir, 'full.jsonl'), 'utf8'));
  });

  it('a reorg below the confirmation depth is detected on resume and reported; the manifest is kept', async () => {
    const mid = Math.floor((firstBlock + lastBlock) / 2);
    const m = await importRpc(opts('reorg', { toBlock: mid }));
    assert.equal(m.toBlock, mid);
    server.reorgFrom = mid - 2;
    try {
      await assert.rejects(
        importRpc(opts('reorg', { resume: true, fromBlock: undefined })),
        (e: unknown) => e instanceof StakemeshFailure && e.code === 'REORG_DETECTED' && e.message.includes(`block ${mid}`),
      );
    } finally {
      server.reorgFrom = null;
    }
    assert.deepEqual(readManifest(join(dir, 'reorg.manifest.json')), m);
  });

  it('refuses a node of another chain, and retries stop at RPC_FAILED', async () => {
    const other = new FakeRpcServer(1, 100, [], views(em.state));
    await other.start();
    try {
      await assert.rejects(
        importRpc({ ...opts('other'), url: other.url }),
        (e: unknown) => e instanceof StakemeshFailure && e.code === 'WRONG_CHAIN',
      );
    } finally {
      await other.stop();
    }
    for (let i = 0; i < 6; i++) server.faults.push({ method: 'eth_chainId', fault: 'http500' });
    await assert.rejects(importRpc(opts('down')), (e: unknown) => e instanceof StakemeshFailure && e.code === 'RPC_FAILED');
    server.faults.length = 0;
    assert.equal(existsSync(join(dir, 'down.manifest.json')), false);
  });
});
