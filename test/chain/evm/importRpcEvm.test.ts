import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importRpc, type RpcImportOptions } from '../../../src/chain/importRpc.js';
import { preprod } from '../../../src/chain/networks.js';
import { readManifest } from '../../../src/chain/output/manifest.js';
import type { RetryPolicy } from '../../../src/chain/source/retry.js';
import { verifyImport } from '../../../src/chain/verify/verifyImport.js';
import { StakemeshFailure } from '../../../src/errors/result.js';
import { randomHistory } from '../randomHistory.js';
import { EigenlayerChain } from './eigenlayerChain.js';
import { FaultProxy } from './faultProxy.js';
import { hashAtBlock, replayImported } from '../importedLog.js';

const confirmations = 6;
const sleeps: number[] = [];
/** Small backoffs (the Retry-After of the proxy still makes real one-second waits). */
const policy: RetryPolicy = {
  retries: 4,
  backoffMs: 2,
  backoffMaxMs: 8,
  random: () => 0.5,
  sleep: (ms) => (sleeps.push(ms), new Promise((r) => setTimeout(r, ms))),
};

// One scripted history, mined once on the EVM and shared by the tests below (in order: the
// last one reorganises the chain).
const em = randomHistory(11, 160, { podSharesOnly: true });

describe('import eigenlayer --rpc against an in-process EVM (@ethereumjs/vm) running solc-built EigenLayer contracts', () => {
  let evm: EigenlayerChain;
  let proxy: FaultProxy;
  let dir: string;
  const opts = (name: string, extra: Partial<RpcImportOptions> = {}): RpcImportOptions => ({
    url: proxy.url,
    network: preprod,
    out: join(dir, `${name}.jsonl`),
    manifestPath: join(dir, `${name}.manifest.json`),
    fromBlock: 1,
    confirmations,
    windowBlocks: 256,
    resume: false,
    policy,
    ...extra,
  });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stakemesh-evm-'));
    evm = await EigenlayerChain.start(preprod);
    await evm.play(em.logs);
    await evm.chain.mineTo(evm.chain.head + confirmations + 3);
    proxy = new FaultProxy(evm.rpc.url);
    await proxy.start();
  });
  after(async () => {
    await proxy.stop();
    await evm.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the scripted history has what the importer must handle', () => {
    const count = (event: string, pred: (a: Record<string, unknown>) => boolean = () => true): number =>
      em.logs.filter((l) => l.event === event && pred(l.args)).length;
    for (const e of ['OperatorRegistered', 'AllocationDelaySet', 'AllocationUpdated', 'Deposit', 'StakerDelegated', 'OperatorSlashed']) {
      assert.equal(count(e) > 0, true, e);
    }
    for (const e of ['SlashingWithdrawalQueued', 'SlashingWithdrawalCompleted', 'PodSharesUpdated', 'BeaconChainSlashingFactorDecreased']) {
      assert.equal(count(e) > 0, true, e);
    }
    assert.equal(count('OperatorSlashed', (a) => (a['wadSlashed'] as bigint[]).some((w) => w === 0n)) > 0, true, 'a slash with a zero wad');
    // Mined by the EVM: every log is in a block, in order, with the real ABI encoding.
    assert.equal(evm.chain.logs(0, evm.chain.head, null).length, em.logs.length);
  });

  it('imports through provider range errors (windows halve) and 429 with Retry-After, then --verify: zero differences', async () => {
    proxy.maxLogsRange = 40;
    proxy.rateLimited = 2;
    proxy.retryAfterS = 1;
    const seenBefore = proxy.seen.length;
    const m = await importRpc(opts('full'));
    proxy.maxLogsRange = Number.MAX_SAFE_INTEGER;
    const seen = proxy.seen.slice(seenBefore);
    assert.equal(m.toBlock, evm.chain.head - confirmations);
    assert.equal(m.head.hash, evm.chain.blockHash(m.toBlock));
    assert.equal(m.events, em.logs.length);
    assert.equal(m.unexpressibleCount, 0);
    assert.deepEqual(m.mismatches, []);
    const ranges = seen.filter((s) => s.method === 'eth_getLogs').map((s) => s.range ?? 0);
    assert.equal(ranges[0], 256);
    assert.equal(
      ranges.some((r) => r <= 40),
      true,
      'the window halved below the provider cap',
    );
    assert.equal(seen.filter((s) => s.status === 429).length, 2);
    assert.equal(sleeps.filter((ms) => ms >= 1000).length, 2, 'both 429s waited the Retry-After second');
    assert.equal(hashAtBlock(replayImported(join(dir, 'full.jsonl')), em.state.block), hashAtBlock(em.state, em.state.block));

    const report = await verifyImport({ url: proxy.url, network: preprod, logPath: join(dir, 'full.jsonl'), block: m.toBlock, policy });
    assert.equal(report.checked > 40, true, `${report.checked} figures checked`);
    assert.deepEqual(report.differences, []);
  });

  it('--verify against the contracts at an earlier block finds the differences (the views are live EVM state)', async () => {
    const lastSlash = [...em.logs]
      .reverse()
      .find((l) => l.event === 'OperatorSlashed' && (l.args['wadSlashed'] as bigint[]).some((w) => w > 0n));
    assert.ok(lastSlash);
    const report = await verifyImport({
      url: proxy.url,
      network: preprod,
      logPath: join(dir, 'full.jsonl'),
      block: lastSlash.block - 1,
      policy,
    });
    assert.equal(
      report.differences.some((d) => d.what === 'maxMagnitude' && d.key.startsWith(String(lastSlash.args['operator']))),
      true,
    );
  });

  it('an import cut by an outage resumes from its manifest to the same log and state', async () => {
    proxy.outageAfter = proxy.getLogsServed + 3;
    await assert.rejects(
      importRpc(opts('cut', { windowBlocks: 128 })),
      (e: unknown) => e instanceof StakemeshFailure && e.code === 'RPC_FAILED',
    );
    proxy.outageAfter = null;
    const partial = readManifest(join(dir, 'cut.manifest.json'));
    assert.equal(partial.toBlock < evm.chain.head - confirmations, true);
    // A crash after writing lines of an unfinished window: the resume cuts them off.
    appendFileSync(join(dir, 'cut.jsonl'), '{"type":"advance","blocks":1}\n');
    const m = await importRpc(opts('cut', { windowBlocks: 128, resume: true, fromBlock: undefined }));
    const full = readManifest(join(dir, 'full.manifest.json'));
    assert.equal(m.toBlock, full.toBlock);
    assert.equal(m.stateHash, full.stateHash);
    assert.equal(readFileSync(join(dir, 'cut.jsonl'), 'utf8'), readFileSync(join(dir, 'full.jsonl'), 'utf8'));
  });

  it('a reorg inside the confirmation depth is never seen; one below it is detected and reported', async () => {
    const m = await importRpc(opts('reorg'));
    const head = evm.chain.head;
    // Shallow: the last `confirmations` blocks were never imported; another branch replaces them.
    const replaced = evm.chain.blockHash(head - confirmations + 3);
    await evm.chain.revertTo(head - confirmations + 2);
    await evm.chain.mine([], 'shallow branch');
    await evm.chain.mineTo(head + 4);
    assert.notEqual(evm.chain.blockHash(head - confirmations + 3), replaced);
    const shallowFork = evm.chain.blockHash(head);
    const on = await importRpc(opts('reorg', { resume: true, fromBlock: undefined }));
    assert.equal(on.toBlock, head + 4 - confirmations);
    assert.equal(on.head.hash, evm.chain.blockHash(on.toBlock));
    assert.equal(on.stateHash, m.stateHash, 'no event in the replaced blocks');
    // Deep: blocks the import vouched for are replaced (a different block mined at the same height).
    const kept = readManifest(join(dir, 'reorg.manifest.json'));
    await evm.chain.revertTo(kept.toBlock - 2);
    await evm.chain.mine([], 'another branch');
    await evm.chain.mineTo(head + 8);
    assert.notEqual(evm.chain.blockHash(kept.toBlock), kept.head.hash);
    assert.notEqual(evm.chain.blockHash(head), shallowFork);
    await assert.rejects(
      importRpc(opts('reorg', { resume: true, fromBlock: undefined })),
      (e: unknown) => e instanceof StakemeshFailure && e.code === 'REORG_DETECTED' && e.message.includes(`block ${kept.toBlock}`),
    );
    assert.deepEqual(readManifest(join(dir, 'reorg.manifest.json')), kept);
  });
});
