// Regression (property test, FC_SEED=1710913967, rebuilt by hand): an operator slash took the queue's
// slashed part as EigenLayer's aggregate mulWad(Q, prevMax − newMax). Each queued withdrawal's value
// rounds down on its own, so with two withdrawals of q = 3 at m = 0.5 the aggregate took 3 while the
// withdrawals lost 1 + 1: the vault owed a unit more than it held ("claims exceed shares").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestLedger, type Cmd } from '../harness.js';

const setup: Cmd[] = [
  { type: 'configure', withdrawalDelayBlocks: 6, deallocationDelayBlocks: 5, allocationConfigurationDelayBlocks: 4 },
  { type: 'registerAsset', asset: 'stETH', decimals: 18, price: '1', kind: 'lst' },
  { type: 'createVault', vault: 'v', asset: 'stETH' },
  { type: 'registerOperator', operator: 'opU' },
  { type: 'createService', service: 'svc' },
  { type: 'createOperatorSet', service: 'svc', set: 's', vaults: ['v'] },
  { type: 'registerForOperatorSet', operator: 'opU', set: 's' },
  { type: 'allocate', operator: 'opU', set: 's', vault: 'v', magnitude: '1' },
];

/** alice and bob deposit 3 each with opU, opU is slashed by half, both queue out, then the rest is slashed. */
function twoQueuedThenSlashed(): { l: TestLedger; slash: Record<string, unknown> } {
  const l = new TestLedger(); // every command is followed by checkInvariants (vault conservation)
  l.all(setup);
  for (const staker of ['alice', 'bob']) {
    l.ok({ type: 'deposit', staker, vault: 'v', amount: '3' });
    l.ok({ type: 'delegate', staker, operator: 'opU' });
  }
  l.ok({ type: 'slash', set: 's', operator: 'opU', wad: '0.5' }); // m = 0.5; the operator's 6 shares → 3
  l.ok({ type: 'undelegate', staker: 'alice' }); // q = 3, worth mulWad(3, 0.5) = 1
  l.ok({ type: 'undelegate', staker: 'bob' });
  const slash = l.ok({ type: 'slash', set: 's', operator: 'opU', wad: '1' }); // m = 0.5 → 0
  return { l, slash };
}

describe('operator slash of queued withdrawals (plain vault)', () => {
  it('takes from the queue what each withdrawal loses, summed, not the aggregate that rounds once', () => {
    const { l, slash } = twoQueuedThenSlashed();
    // the operator keeps 3 − 1 − 1 = 1 share (the round-up of its first slash), all slashed now;
    // the queue: per withdrawal mulWad(3, 0.5) = 1, so 2 in all (the aggregate mulWad(6, 0.5) = 3
    // would make it 4, more than the 3 the vault still holds)
    assert.equal(slash['slashedShares'], '3');
    assert.equal(l.opVault('opU', 'v').maxMagnitude, '0');
  });

  it('the slashed shares are cleared out of what the vault holds and the withdrawals pay nothing', () => {
    const { l } = twoQueuedThenSlashed();
    l.ok({ type: 'advance', blocks: 7 });
    l.ok({ type: 'clearSlashed', set: 's' });
    l.ok({ type: 'completeWithdrawal', staker: 'alice', withdrawal: 'w1' });
    l.ok({ type: 'completeWithdrawal', staker: 'bob', withdrawal: 'w2' });
    const v = l.view();
    // 6 deposited: 3 cleared by the first slash, 3 by the second
    assert.equal(v.vaults.v.balance, '0');
    assert.equal(v.accounts.alice?.stETH ?? '0', '0');
  });
});
