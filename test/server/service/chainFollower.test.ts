import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { beaconChainEthStrategy, preprod } from '../../../src/chain/networks.js';
import type { RetryPolicy } from '../../../src/chain/source/retry.js';
import { applyInPlace } from '../../../src/core/apply.js';
import { cloneState } from '../../../src/core/state/cloneState.js';
import type { LedgerState } from '../../../src/core/state/state.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { buildServer } from '../../../src/server/http/buildServer.js';
import { ChainFollower, type ChainMirrorTarget } from '../../../src/server/service/chainFollower.js';
import { openLedgerService } from '../../../src/server/service/openLedgerService.js';
import type { LedgerServiceApi } from '../../../src/server/service/serviceApi.js';
import { ChainEmulator, address } from '../../chain/chainEmulator.js';
import { EigenlayerChain } from '../../chain/evm/eigenlayerChain.js';
import { call, listen } from '../http/httpHelpers.js';

const WAD = 10n ** 18n;
const confirmations = 3;
const policy: RetryPolicy = {
  retries: 3,
  backoffMs: 5,
  backoffMaxMs: 20,
  random: () => 0.5,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};
const op = address(0x0e, 1);
const staker = address(0x5a, 1);
const strategy = address(0x51, 1);
const avs = address(0xa5, 1);

async function waitFor<T>(what: string, probe: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function hashAt(state: LedgerState, block: number): string {
  const s = cloneState(state);
  if (block > s.block) applyInPlace(s, { type: 'advance', blocks: block - s.block });
  return stateHash({ ...s, applied: 0 });
}

describe('serve --follow-rpc: the service mirrors the in-process EVM chain', () => {
  let evm: EigenlayerChain;
  let dir: string;
  let service: LedgerServiceApi;
  let app: FastifyInstance;
  let base: string;
  let follower: ChainFollower;
  const em = new ChainEmulator(preprod, 20);
  let played = 0;
  const logged: { level: string; message: string; fields: Record<string, unknown> }[] = [];

  /** Mines the emulator's new events, then enough empty blocks to confirm them. */
  async function mineNew(): Promise<void> {
    await evm.play(em.logs.slice(played));
    played = em.logs.length;
    await evm.chain.mineTo(evm.chain.head + confirmations + 1);
    em.advance(evm.chain.head + 1 - em.state.block);
  }

  const open = async (): Promise<void> => {
    service = await openLedgerService({
      dataDir: dir,
      chainId: 31337,
      admins: [],
      blockTimeS: 0,
      follow: false,
      snapshotEvery: 0,
      chainMirror: true,
    });
    app = buildServer({ service, limits: { requestsPerIpPerSecond: 1_000_000, requestsPerAccountPerSecond: 1_000_000 } });
    base = await listen(app);
    follower = await ChainFollower.start(service as unknown as ChainMirrorTarget, {
      url: evm.rpc.url,
      network: preprod,
      confirmations,
      pollMs: 100,
      windowBlocks: 500,
      fromBlock: 1,
      policy,
      log: (level, message, fields) => void logged.push({ level, message, fields: fields ?? {} }),
    });
  };
  const close = async (): Promise<void> => {
    await follower.stop();
    await app.close();
    await service.close();
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stakemesh-follow-'));
    evm = await EigenlayerChain.start(preprod);
    em.newStrategy(strategy);
    em.newStrategy(beaconChainEthStrategy);
    em.registerOperator(op, 0);
    em.advance(preprod.allocationConfigurationDelayBlocks + 2);
    const set = em.createSet(avs, 3, [strategy, beaconChainEthStrategy]);
    em.register(op, set);
    em.deposit(staker, strategy, 500n * WAD);
    em.podBalanceIncrease(staker, 64n * WAD);
    em.delegate(staker, op);
    em.allocate(op, set, strategy, WAD / 2n);
    await mineNew();
    await open();
  });
  after(async () => {
    await close().catch(() => undefined);
    await evm.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('mined events appear through GET /v1/operators/{id}, signed by the server, at the chain state', async () => {
    const shares = await waitFor('the operator', async () => {
      const r = await call(`${base}/v1/operators/${op}`);
      return r.status === 200 && r.body?.vaults?.[strategy]?.shares !== undefined ? (r.body.vaults[strategy].shares as string) : null;
    });
    assert.equal(shares, String(em.state.operators.get(op)?.vaults.get(strategy)?.shares));
    assert.equal(shares, String(500n * WAD));
    await waitFor('the confirmed head', async () => (service.head().block === evm.chain.head - confirmations ? true : null));
    assert.equal(hashAt(service.state(), em.state.block), hashAt(em.state, em.state.block));
    const log = await service.log(0, 1000);
    assert.equal(new Set(log.map((e) => e.envelope.account)).size, 1, 'every command signed by the server key');
    assert.equal(log[0]?.envelope.command.type, 'configure');
  });

  it('a slash mined later shows up within seconds (max magnitude and shares)', async () => {
    em.slash(op, `${avs}:3`, WAD / 4n);
    await mineNew();
    const max = await waitFor('the slash', async () => {
      const r = await call(`${base}/v1/operators/${op}`);
      const m = r.body?.vaults?.[strategy]?.maxMagnitude as string | undefined;
      return m !== undefined && m !== String(WAD) ? m : null;
    });
    assert.equal(max, String(em.state.operators.get(op)?.vaults.get(strategy)?.maxMagnitude));
  });

  it('a restart resumes from the saved cursor: nothing mirrored twice, new blocks still mirrored', async () => {
    await waitFor('caught up', async () => (follower.status().block === evm.chain.head - confirmations ? true : null));
    const seq = service.head().seq;
    const cursor = follower.status().block;
    await close();
    await open();
    assert.equal(follower.status().block, cursor);
    em.deposit(staker, strategy, 7n * WAD);
    await mineNew();
    await waitFor('the new deposit', async () => (follower.status().block === evm.chain.head - confirmations ? true : null));
    const entries = await service.log(seq, 1000);
    assert.equal(entries.filter((e) => e.envelope.command.type === 'deposit').length, 1);
    assert.equal(hashAt(service.state(), em.state.block), hashAt(em.state, em.state.block));
  });

  it('an event the ledger cannot express is logged with its block and log index and counted', async () => {
    const block = evm.chain.head + 1;
    await evm.play([
      {
        block,
        transactionIndex: 0,
        logIndex: 0,
        transactionHash: '',
        address: preprod.contracts.AllocationManager,
        event: 'StrategyRemovedFromOperatorSet',
        args: { operatorSet: { avs, id: 3n }, strategy },
      },
    ]);
    await evm.chain.mineTo(evm.chain.head + confirmations + 1);
    const report = await waitFor(
      'the report',
      async () => logged.find((l) => l.message.includes('StrategyRemovedFromOperatorSet')) ?? null,
    );
    assert.equal(report.level, 'warn');
    assert.equal(report.fields['block'], block);
    assert.equal(report.fields['logIndex'], 0);
    await waitFor('the count', async () => (follower.status().unexpressible === 1 ? true : null));
  });

  it('a reorg deeper than the confirmations stops the follower with a logged error; the ledger is kept', async () => {
    await waitFor('caught up', async () => (follower.status().block === evm.chain.head - confirmations ? true : null));
    const head = service.head();
    const cursor = follower.status().block;
    await evm.chain.revertTo(cursor - 2);
    await evm.chain.mine([], 'another branch');
    await evm.chain.mineTo(cursor + confirmations + 4);
    await waitFor('the stop', async () => (follower.status().following ? null : true));
    assert.match(follower.status().error ?? '', /^REORG_DETECTED: .*block \d+ was mirrored with hash/);
    assert.equal(
      logged.some((l) => l.level === 'error' && l.message.includes('REORG_DETECTED')),
      true,
    );
    assert.deepEqual(service.head(), head);
  });
});
