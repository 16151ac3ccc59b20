import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { keccak256, toHex } from 'viem';
import { importSnapshot } from '../../../src/chain/importSnapshot.js';
import { beaconChainEthStrategy, preprod } from '../../../src/chain/networks.js';
import { ChainEmulator, address, type EmittedLog } from '../chainEmulator.js';

const WAD = 10n ** 18n;
const blockHash = (b: number): string => keccak256(toHex(`block ${b}`));
const staker = address(0x5a, 0);
const strategy = address(0x51, 0);

/** A history with a queued withdrawal that has become completable. */
function history(): { em: ChainEmulator; id: string } {
  const em = new ChainEmulator(preprod, 100);
  em.newStrategy(strategy);
  em.newStrategy(beaconChainEthStrategy);
  em.deposit(staker, strategy, 10n * WAD);
  em.podBalanceIncrease(staker, 32n * WAD);
  const id = em.queueWithdrawal(staker, strategy, 4n * WAD);
  assert.ok(id);
  em.advance(preprod.withdrawalDelayBlocks + 1);
  return { em, id };
}

/** A log in a new transaction of the emulator's current block. */
function extraTx(em: ChainEmulator, event: string, args: Record<string, unknown>, contract: keyof typeof preprod.contracts): EmittedLog {
  const last = em.logs[em.logs.length - 1];
  const sameBlock = last?.block === em.state.block;
  return {
    block: em.state.block,
    transactionIndex: sameBlock ? (last?.transactionIndex ?? 0) + 1 : 0,
    logIndex: sameBlock ? (last?.logIndex ?? 0) + 1 : 0,
    transactionHash: keccak256(toHex(`extra ${event} ${em.logs.length}`)),
    address: preprod.contracts[contract],
    event,
    args,
  };
}

function importLogs(em: ChainEmulator): ReturnType<typeof importSnapshot> {
  const dir = mkdtempSync(join(tmpdir(), 'stakemesh-unexpressible-'));
  try {
    const file = join(dir, 'raw.json');
    writeFileSync(file, JSON.stringify(em.rawLogs(blockHash)));
    return importSnapshot({ files: [file], network: preprod, out: join(dir, 'log.jsonl'), manifestPath: join(dir, 'm.json') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('events the ledger cannot express are reported with block and log index, never dropped', () => {
  it('a withdrawal completed as tokens is mapped; completed as shares (re-credited in the same transaction) is reported', () => {
    const plain = history();
    assert.ok(plain.em.complete(plain.id));
    const ok = importLogs(plain.em);
    assert.deepEqual(ok.unexpressible, []);

    const { em, id } = history();
    assert.ok(em.complete(id));
    // As completeQueuedWithdrawal(receiveAsTokens = false) emits it: the StrategyManager re-credits
    // the shares (Deposit) before DelegationManager's SlashingWithdrawalCompleted.
    const done = em.logs.pop() as EmittedLog;
    const redeposit = {
      ...done,
      event: 'Deposit',
      address: preprod.contracts.StrategyManager,
      args: { staker, strategy, shares: 4n * WAD },
    };
    em.logs.push(redeposit, { ...done, logIndex: done.logIndex + 1 });
    const m = importLogs(em);
    assert.equal(m.unexpressibleCount, 1);
    const [u] = m.unexpressible;
    assert.equal(u?.event, 'SlashingWithdrawalCompleted');
    assert.equal(u?.block, done.block);
    assert.equal(u?.logIndex, done.logIndex + 1);
    assert.match(u?.reason ?? '', new RegExp(`completed as shares \\(re-credited by log ${done.logIndex} `));
  });

  it('a negative pod share total and a strategy removed from an operator set are reported at their positions', () => {
    const { em } = history();
    const negative = extraTx(em, 'NewTotalShares', { podOwner: staker, newTotalShares: -5n }, 'EigenPodManager');
    em.logs.push(negative);
    em.advance(1);
    const set = em.createSet(address(0xa5, 0), 1, [strategy]);
    const [avs, setId] = set.split(':');
    const removed = extraTx(
      em,
      'StrategyRemovedFromOperatorSet',
      { operatorSet: { avs, id: BigInt(setId ?? 0) }, strategy },
      'AllocationManager',
    );
    em.logs.push(removed);
    const m = importLogs(em);
    assert.deepEqual(
      m.unexpressible.map((u) => [u.event, u.block, u.logIndex]),
      [
        ['NewTotalShares', negative.block, negative.logIndex],
        ['StrategyRemovedFromOperatorSet', removed.block, removed.logIndex],
      ],
    );
    assert.match(m.unexpressible[0]?.reason ?? '', /negative pod shares -5/);
    assert.equal(m.eventCounts['StrategyRemovedFromOperatorSet'], 1);
  });
});
