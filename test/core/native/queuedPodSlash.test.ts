// Regression (property test, FC_SEED=-735936927, shrunk by hand): an operator slash while a pod
// owner's withdrawal is queued must take from the queue what the withdrawal loses, which is read
// with m·l (EigenLayer _getSlashingFactorsAtBlock). It took mulWad(q, prevMax − newMax), ignoring
// l: with l = 2 wei that was the whole withdrawal while the withdrawal kept half its value, so the
// pod vault owed 1.5× the shares it held.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestLedger } from '../harness.js';
import { podSetup } from './podFixture.js';

const setup = podSetup;

/** bob, l = 2 wei (k = WAD / 2e-18), queues his whole pod position out of opU; opU is then slashed. */
function queuedThenSlashed(): { l: TestLedger; slash: Record<string, unknown> } {
  const l = new TestLedger(); // every command is followed by checkInvariants (vault conservation)
  l.all(setup);
  l.ok({ type: 'beaconChainSlash', staker: 'bob', factor: '2' }); // 2 wei, not 2.0 ('1' alone is WAD)
  l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'bob', delta: '57794059', prevBalance: '0' });
  l.ok({ type: 'delegate', staker: 'bob', operator: 'opU' });
  l.ok({ type: 'allocate', operator: 'opU', set: 'sPod', vault: 'pod', magnitude: '13' });
  l.ok({ type: 'undelegate', staker: 'bob' });
  // ceil(13 · 76923076923076924 / WAD) = 2: m 1e18 → 1e18 − 2; mulWad(m, l) 2 → 1
  const slash = l.ok({ type: 'slash', set: 'sPod', operator: 'opU', wad: '76923076923076924' });
  return { l, slash };
}

describe('native restaking: operator slash of queued pod withdrawals', () => {
  it('takes the queue part with l, never more than the withdrawal loses', () => {
    const { l, slash } = queuedThenSlashed();
    // q = 57794059 · 5e17 = 28897029500000000000000000; value before mulWad(q, 2) = 57794059,
    // after mulWad(q, 1) = 28897029 (a drop of 28897030); slashed mulWad(q, 2 − 1) = 28897029
    assert.equal(slash['slashedShares'], '28897029');
    assert.equal(l.slashed('sPod', 'pod'), '28897029');
    assert.equal(l.opVault('opU', 'pod').shares, '0');
  });

  it('the slashed shares and the withdrawal are both paid out of what the vault holds', () => {
    const { l } = queuedThenSlashed();
    l.ok({ type: 'advance', blocks: 7 });
    l.ok({ type: 'clearSlashed', set: 'sPod' });
    l.ok({ type: 'completeWithdrawal', staker: 'bob', withdrawal: 'w1' });
    const v = l.view();
    assert.equal(v.accounts.bob.ETH, '28897029');
    // 57794059 − 28897029 (cleared) − 28897029 (paid): the unit the floors leave stays, unowned
    assert.equal(v.vaults.pod.balance, '1');
  });
});
