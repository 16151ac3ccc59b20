// Regression (property test, FC_SEED=-1708382075, shrunk by hand): EigenLayer reads a pod owner's
// withdrawable shares with the slashing factor mulWad(m, l), rounded down before it multiplies in,
// while an operator slash cuts operator shares exactly in proportion to m. When mulWad(m, l) is
// coarse (l = 2 wei) or the position is large, the owner's withdrawable shares fall by up to one
// quantum less than that cut, so the operator owed more than it held: the invariant failed and
// undelegating tripped an assertion. A native-vault slash now keeps what the stakers still own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestLedger, type Cmd } from '../harness.js';
import { podSetup } from './podFixture.js';

const setup: Cmd[] = [...podSetup, { type: 'allocate', operator: 'opU', set: 'sPod', vault: 'pod', magnitude: '1/3' }];

describe('native restaking: operator slash of delegated pod shares', () => {
  it('a coarse slashing factor (l = 2 wei): the slash leaves the operator what its staker still owns', () => {
    const l = new TestLedger(); // every command is followed by checkInvariants
    l.all(setup);
    l.ok({ type: 'beaconChainSlash', staker: 'carol', factor: '2' }); // 2 wei
    l.ok({ type: 'slash', set: 'sPod', operator: 'opU', wad: '2' }); // m = WAD − 1: mulWad(m, 2) = 1
    l.ok({ type: 'delegate', staker: 'carol', operator: 'opU' });
    l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'carol', delta: '500000000000000000' });
    const slash = l.ok({ type: 'slash', set: 'sPod', operator: 'opU', vault: 'pod', wad: '4' });
    // m falls by 1 more wei; mulWad(m, 2) is still 1, so carol keeps all 0.5 ETH withdrawable.
    // EigenLayer's proportional cut would take 1 wei she still owns; nothing is taken.
    assert.equal(l.staker('carol', 'pod').withdrawableShares, '500000000000000000');
    assert.equal(l.opVault('opU', 'pod').shares, '500000000000000000');
    assert.equal(slash['slashedShares'], '0');
    l.ok({ type: 'undelegate', staker: 'carol' });
    l.ok({ type: 'advance', blocks: 7 });
    l.ok({ type: 'completeWithdrawal', staker: 'carol', withdrawal: 'w1' });
    assert.equal(l.view().accounts.carol.ETH, '500000000000000000');
  });

  it('a large pod after a beacon-chain loss: undelegating after two slashes works and pays what was owned', () => {
    const l = new TestLedger();
    l.all(setup);
    l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'carol', delta: '32000000000000000000' });
    l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'carol', delta: '-501515659796181377', prevBalance: '32000000000000000000' });
    l.ok({ type: 'slash', set: 'sPod', operator: 'opU', wad: '43223047141614448' });
    l.ok({ type: 'delegate', staker: 'carol', operator: 'opU' });
    l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'carol', delta: '3916141439792049515659264' });
    l.ok({ type: 'slash', set: 'sPod', operator: 'opU', vault: 'pod', wad: '22686853303912268' });
    l.ok({ type: 'slash', set: 'sPod', operator: 'opU', vault: 'pod', wad: '92968460343261360' });
    const owned = l.staker('carol', 'pod').withdrawableShares;
    assert.ok(BigInt(l.opVault('opU', 'pod').shares) >= BigInt(owned));
    l.ok({ type: 'clearSlashed', set: 'sPod' });
    l.ok({ type: 'undelegate', staker: 'carol' }); // threw "operator shares cover a staker withdrawal"
    l.ok({ type: 'advance', blocks: 7 });
    l.ok({ type: 'completeWithdrawal', staker: 'carol', withdrawal: 'w1' });
    assert.equal(l.view().accounts.carol.ETH, owned);
  });

  it('when EigenLayer’s cut leaves enough, the slash takes exactly EigenLayer’s amount', () => {
    const l = new TestLedger();
    l.all(setup);
    l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'carol', delta: '32000000000000000000' });
    l.ok({ type: 'delegate', staker: 'carol', operator: 'opU' });
    const slash = l.ok({ type: 'slash', set: 'sPod', operator: 'opU', vault: 'pod', wad: '0.5' });
    // l = WAD, m: WAD → WAD − ceil(WAD/3 · 0.5) = 833333333333333333; shares left round up
    assert.equal(l.opVault('opU', 'pod').maxMagnitude, '833333333333333333');
    assert.equal(l.opVault('opU', 'pod').shares, '26666666666666666656');
    assert.equal(slash['slashedShares'], '5333333333333333344');
    assert.equal(l.staker('carol', 'pod').withdrawableShares, '26666666666666666656');
  });
});
