import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { keccak256, toHex } from 'viem';
import { importSnapshot } from '../../src/chain/importSnapshot.js';
import { preprod } from '../../src/chain/networks.js';
import { applyInPlace } from '../../src/core/apply.js';
import { runLog } from '../../src/core/runLog.js';
import type { LedgerState } from '../../src/core/state/state.js';
import { stateHash } from '../../src/core/state/stateHash.js';
import { randomHistory } from './randomHistory.js';

/** The state hash without the command counter (the import issues more, smaller commands). */
function hashOf(state: LedgerState): string {
  return stateHash({ ...state, applied: 0 });
}

const blockHash = (b: number): string => keccak256(toHex(`block ${b}`));

describe('round trip: ledger history → EigenLayer events (real ABI encoding) → import → same state', () => {
  it('gives the same state hash for random histories', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stakemesh-roundtrip-'));
    try {
      for (let seed = 1; seed <= 25; seed++) {
        const em = randomHistory(seed, 120);
        const file = join(dir, `raw-${seed}.json`);
        writeFileSync(file, JSON.stringify(em.rawLogs(blockHash)));
        const m = importSnapshot({ files: [file], network: preprod, out: join(dir, 'log.jsonl'), manifestPath: join(dir, 'm.json') });
        assert.deepEqual(m.unexpressible, [], `seed ${seed}`);
        assert.deepEqual(m.mismatches, [], `seed ${seed}`);
        const commands = readFileSync(join(dir, 'log.jsonl'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as unknown);
        const { state, results } = runLog(commands);
        assert.deepEqual(
          results.filter((x) => x.status !== 'ok'),
          [],
          `seed ${seed}`,
        );
        if (em.state.block > state.block) applyInPlace(state, { type: 'advance', blocks: em.state.block - state.block });
        assert.equal(hashOf(state), hashOf(em.state), `seed ${seed}: ${em.logs.length} events`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a history changed by one unit in one event imports to another state', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stakemesh-roundtrip-'));
    try {
      const em = randomHistory(3, 120);
      const deposit = em.logs.find((l) => l.event === 'Deposit');
      assert.ok(deposit);
      deposit.args['shares'] = (deposit.args['shares'] as bigint) + 1n;
      const file = join(dir, 'raw.json');
      writeFileSync(file, JSON.stringify(em.rawLogs(blockHash)));
      importSnapshot({ files: [file], network: preprod, out: join(dir, 'log.jsonl'), manifestPath: join(dir, 'm.json') });
      const commands = readFileSync(join(dir, 'log.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown);
      const { state } = runLog(commands);
      if (em.state.block > state.block) applyInPlace(state, { type: 'advance', blocks: em.state.block - state.block });
      assert.notEqual(hashOf(state), hashOf(em.state));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the histories exercise every mapped kind of event, and slashes take stake', () => {
    const seen = new Set<string>();
    let slashedShares = 0n;
    for (let seed = 1; seed <= 25; seed++) {
      const em = randomHistory(seed, 120);
      for (const l of em.logs) seen.add(l.event);
      for (const byVault of em.state.slashed.values()) for (const v of byVault.values()) slashedShares += v;
    }
    assert.equal(slashedShares > 0n, true);
    for (const e of [
      'Deposit',
      'StakerDelegated',
      'StakerUndelegated',
      'AllocationUpdated',
      'OperatorSlashed',
      'MaxMagnitudeUpdated',
      'SlashingWithdrawalQueued',
      'SlashingWithdrawalCompleted',
      'OperatorRemovedFromOperatorSet',
      'DepositScalingFactorUpdated',
      'PodSharesUpdated',
      'BeaconChainSlashingFactorDecreased',
    ]) {
      assert.equal(seen.has(e), true, e);
    }
  });
});
