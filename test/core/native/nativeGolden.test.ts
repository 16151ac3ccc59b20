// Golden vectors for native restaking (EigenPods, SPEC §11): withdrawable shares
// a = mulWad(mulWad(s, k), mulWad(m, l)). Every expected number was worked out by hand from
// EigenLayer's slashing release (SlashingLib.update / calcWithdrawable, EigenPodManager
// _reduceSlashingFactor, DelegationManager decreaseDelegatedShares / _delegate /
// _completeQueuedWithdrawal), independently of this code; the derivation is in each comment.
// W = 1e18; mulWad/divWad round down, mulWadRoundUp and remaining operator shares round up.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestLedger, WAD } from '../harness.js';

const ETH = (n: number): string => (BigInt(n) * 10n ** 18n).toString();
const POD = '0xbeac0eeeeeeeeeeeeeeeeeeeeeeeeeeeeeebeac0';

/** Delays 10/10/5, native asset ETH, the pod vault, operator `op` in set `s` of `svc` accepting it. */
function nativeLedger(): TestLedger {
  const l = new TestLedger();
  l.all([
    { type: 'configure', withdrawalDelayBlocks: 10, deallocationDelayBlocks: 10, allocationConfigurationDelayBlocks: 5 },
    { type: 'registerAsset', asset: 'ETH', decimals: 18, price: '1', kind: 'native' },
    { type: 'createVault', vault: POD, asset: 'ETH' },
    { type: 'registerOperator', operator: 'op' },
    { type: 'createService', service: 'svc' },
    { type: 'createOperatorSet', service: 'svc', set: 's', vaults: [POD] },
    { type: 'registerForOperatorSet', operator: 'op', set: 's' },
  ]);
  return l;
}

interface NativePosition {
  depositShares: string;
  withdrawableShares: string;
  depositScalingFactor: string;
  beaconChainSlashingFactor: string;
}
const pos = (l: TestLedger, staker: string): NativePosition => l.view().stakers[staker].vaults[POD];
const opShares = (l: TestLedger): string => l.opVault('op', POD).shares;

describe('golden vectors: native restaking', () => {
  it('pod deposit, operator slash, beacon slashes, deposit after both, withdrawal', () => {
    const l = nativeLedger();
    // 1. a validator's 32 ETH proven: 32e18 pod shares; first deposit k = divWad(W, mulWad(W, W)) = W
    assert.equal(l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: ETH(32) }).shares, ETH(32));
    assert.deepEqual(pos(l, 'alice'), {
      depositShares: ETH(32),
      withdrawableShares: ETH(32),
      depositScalingFactor: WAD,
      beaconChainSlashingFactor: WAD,
    });
    // 2. delegate: added = mulWad(mulWad(32e18, W), l = W) = 32e18; k = divWad(W, m = W) = W
    l.ok({ type: 'delegate', staker: 'alice', operator: 'op' });
    l.ok({ type: 'allocate', operator: 'op', set: 's', vault: POD, magnitude: WAD });
    assert.equal(opShares(l), ETH(32));

    // 3. operator slash 1/4: slashedMag = ceil(W·0.25) = 2.5e17, m = 7.5e17;
    //    operator shares = ceil(32e18 · 7.5e17 / 1e18) = 24e18; a = mulWad(32e18, mulWad(7.5e17, W)) = 24e18
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: POD, wad: '0.25' }).slashedShares, ETH(8));
    assert.equal(opShares(l), ETH(24));
    assert.equal(pos(l, 'alice').withdrawableShares, ETH(24));

    // 4. checkpoint: the pod lost 1 ETH of 32 on the beacon chain. No share moves;
    //    l = mulDiv(W, 31e18, 32e18) = 968750000000000000; Δl = 31250000000000000;
    //    removed = mulWad(mulWad(32e18, W), mulWad(7.5e17, Δl) = 23437500000000000) = 7.5e17
    const r4 = l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: '-' + ETH(1), prevBalance: ETH(32) });
    assert.deepEqual(r4, { beaconChainSlashingFactor: '968750000000000000', operatorSharesRemoved: '750000000000000000' });
    assert.equal(opShares(l), '23250000000000000000'); // 24e18 − 7.5e17
    // a = mulWad(32e18, mulWad(7.5e17, 968750000000000000) = 726562500000000000) = 23.25e18
    assert.equal(pos(l, 'alice').withdrawableShares, '23250000000000000000');
    assert.equal(pos(l, 'alice').depositShares, ETH(32));

    // 5. beacon slash of a third: wad = floor(W/3) = 333333333333333333;
    //    l = floor(968750000000000000 · 666666666666666667 / W) = floor(645833333333333333.65625) = 645833333333333333
    //    Δl = 322916666666666667; mulWad(7.5e17, Δl) = floor(242187500000000000.25) = 242187500000000000;
    //    removed = mulWad(32e18, 242187500000000000) = 7.75e18; operator shares = 23.25e18 − 7.75e18 = 15.5e18
    const r5 = l.ok({ type: 'beaconChainSlash', staker: 'alice', wad: '1/3' });
    assert.deepEqual(r5, { beaconChainSlashingFactor: '645833333333333333', operatorSharesRemoved: '7750000000000000000' });
    assert.equal(opShares(l), '15500000000000000000');
    // slashing factor m·l = mulWad(7.5e17, 645833333333333333) = floor(484374999999999999.75) = 484374999999999999
    // a = mulWad(32e18, 484374999999999999) = 15499999999999999968 (32 units of dust stay with the operator)
    assert.equal(pos(l, 'alice').withdrawableShares, '15499999999999999968');

    // 6. a second validator's 1 ETH after both slashes (s ≠ 0):
    //    k = divWad(divWad(a + 1e18, 33e18), m·l) with divWad(16499999999999999968, 33e18) = 499999999999999999,
    //    divWad(499999999999999999, 484374999999999999) = 1032258064516129032
    //    a = mulWad(mulWad(33e18, k) = 34064516129032258056, 484374999999999999) = 16499999999999999961
    l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'alice', delta: ETH(1) });
    assert.deepEqual(pos(l, 'alice'), {
      depositShares: ETH(33),
      withdrawableShares: '16499999999999999961',
      depositScalingFactor: '1032258064516129032',
      beaconChainSlashingFactor: '645833333333333333',
    });
    assert.equal(opShares(l), '16500000000000000000'); // + the 1e18 deposit shares, as _increaseDelegation adds

    // 7. queue 10e18 deposit shares: q = mulWad(10e18, k) = 10322580645161290320;
    //    operator loses mulWad(q, m·l) = 4999999999999999988 → 11500000000000000012
    const w = l.ok({ type: 'queueWithdrawal', staker: 'alice', vault: POD, shares: ETH(10) }).withdrawal as string;
    assert.equal(l.view().withdrawals[w].scaledShares, '10322580645161290320');
    assert.equal(opShares(l), '11500000000000000012');
    assert.equal(pos(l, 'alice').withdrawableShares, '11499999999999999973'); // mulWad(mulWad(23e18, k), m·l)

    // 8. inside the window the pod reports an exact new factor (BeaconChainSlashingFactorDecreased … 5e17):
    //    Δl = 145833333333333333; mulWad(7.5e17, Δl) = 109374999999999999;
    //    removed = mulWad(mulWad(23e18, k) = 23741935483870967736, 109374999999999999) = 2596774193548387072
    const r8 = l.ok({ type: 'beaconChainSlash', staker: 'alice', factor: '500000000000000000' });
    assert.equal(r8.operatorSharesRemoved, '2596774193548387072');
    assert.equal(opShares(l), '8903225806451612940');
    assert.equal(pos(l, 'alice').withdrawableShares, '8903225806451612901'); // mulWad(23741935483870967736, 3.75e17)

    // 9. completion reads m at the end of the window and l now (EigenLayer _getSlashingFactorsAtBlock):
    //    pays mulWad(q, mulWad(7.5e17, 5e17) = 3.75e17) = 3870967741935483870 shares = wei
    l.fails({ type: 'completeWithdrawal', staker: 'alice', withdrawal: w }, 'WITHDRAWAL_DELAY_NOT_ELAPSED');
    l.ok({ type: 'advance', blocks: 11 });
    assert.deepEqual(l.ok({ type: 'completeWithdrawal', staker: 'alice', withdrawal: w }), {
      shares: '3870967741935483870',
      amount: '3870967741935483870',
    });
    assert.equal(l.view().accounts.alice.ETH, '3870967741935483870');
  });

  it('a beacon slash before delegating carries over; a fresh deposit after emptying forgives it', () => {
    const l = nativeLedger();
    l.all([
      { type: 'registerOperator', operator: 'op2' },
      { type: 'registerForOperatorSet', operator: 'op2', set: 's' },
      { type: 'recordBeaconBalanceUpdate', staker: 'carol', delta: ETH(4) },
      { type: 'delegate', staker: 'carol', operator: 'op2' },
      { type: 'allocate', operator: 'op2', set: 's', vault: POD, magnitude: WAD },
      { type: 'slash', set: 's', operator: 'op2', vault: POD, wad: '0.25' }, // m(op2) = 7.5e17
      { type: 'recordBeaconBalanceUpdate', staker: 'bob', delta: ETH(32) },
    ]);
    // undelegated: the slashing factor is mulWad(W, l) = l; l = W·(1 − 1/2) = 5e17; no operator to charge
    assert.deepEqual(l.ok({ type: 'beaconChainSlash', staker: 'bob', wad: '0.5' }), {
      beaconChainSlashingFactor: '500000000000000000',
      operatorSharesRemoved: '0',
    });
    assert.equal(pos(l, 'bob').withdrawableShares, ETH(16));
    // delegate to op2 (m = 7.5e17): added = mulWad(mulWad(32e18, W), l) = 16e18 (the beacon slash is not forgiven);
    // k = divWad(W, 7.5e17) = 1333333333333333333;
    // a = mulWad(mulWad(32e18, k) = 42666666666666666656, mulWad(7.5e17, 5e17) = 3.75e17) = 15999999999999999996
    const before = BigInt(l.opVault('op2', POD).shares);
    l.ok({ type: 'delegate', staker: 'bob', operator: 'op2' });
    assert.equal(BigInt(l.opVault('op2', POD).shares) - before, 16n * 10n ** 18n);
    assert.equal(pos(l, 'bob').depositScalingFactor, '1333333333333333333');
    assert.equal(pos(l, 'bob').withdrawableShares, '15999999999999999996');
    // queue everything: the position (and k) is reset, l stays with the pod owner
    l.ok({ type: 'queueWithdrawal', staker: 'bob', vault: POD, shares: ETH(32) });
    assert.equal(l.view().stakers.bob.vaults[POD], undefined);
    assert.equal(l.view().native.beaconChainSlashingFactors.bob, '500000000000000000');
    // a new validator: first deposit k = divWad(W, mulWad(7.5e17, 5e17) = 3.75e17) = 2666666666666666666;
    // a = mulWad(mulWad(32e18, k) = 85333333333333333312, 3.75e17) = 31999999999999999992: the new stake is not charged
    l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'bob', delta: ETH(32) });
    assert.equal(pos(l, 'bob').depositScalingFactor, '2666666666666666666');
    assert.equal(pos(l, 'bob').withdrawableShares, '31999999999999999992');
  });

  it('a fully beacon-slashed pod owner keeps its shares at zero value and cannot add more', () => {
    const l = nativeLedger();
    l.all([
      { type: 'recordBeaconBalanceUpdate', staker: 'dave', delta: ETH(32) },
      { type: 'delegate', staker: 'dave', operator: 'op' },
    ]);
    // the whole balance gone: l = mulDiv(W, 0, 32e18) = 0; removed = mulWad(32e18, mulWad(W, W)) = 32e18
    const r = l.ok({ type: 'recordBeaconBalanceUpdate', staker: 'dave', delta: '-' + ETH(32), prevBalance: ETH(32) });
    assert.deepEqual(r, { beaconChainSlashingFactor: '0', operatorSharesRemoved: ETH(32) });
    assert.equal(opShares(l), '0');
    assert.equal(pos(l, 'dave').withdrawableShares, '0');
    assert.equal(pos(l, 'dave').depositShares, ETH(32));
    // m·l = 0: EigenLayer's _increaseDelegation requires slashingFactor != 0
    l.fails({ type: 'recordBeaconBalanceUpdate', staker: 'dave', delta: ETH(1) }, 'FULLY_SLASHED');
    l.fails({ type: 'deposit', staker: 'dave', vault: POD, amount: ETH(1) }, 'FULLY_SLASHED');
    // l only falls; a zero factor stays
    l.fails({ type: 'beaconChainSlash', staker: 'dave', factor: '1' }, 'BEACON_FACTOR_RISE');
    l.ok({ type: 'beaconChainSlash', staker: 'dave', factor: '0' });
  });

  it('an operator slash of native stake after a beacon slash takes the operator fraction of what is left', () => {
    const l = nativeLedger();
    l.all([
      { type: 'recordBeaconBalanceUpdate', staker: 'erin', delta: ETH(10) },
      { type: 'delegate', staker: 'erin', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: POD, magnitude: WAD },
      { type: 'beaconChainSlash', staker: 'erin', wad: '0.2' }, // l = 8e17, removed = mulWad(10e18, 2e17) = 2e18
    ]);
    assert.equal(opShares(l), ETH(8));
    // operator slash 1/2: m = 5e17; operator shares = ceil(8e18 · 5e17 / W) = 4e18; slashed 4e18 (the beacon
    // chain burned first: DualSlashingEdgeCase); a = mulWad(10e18, mulWad(5e17, 8e17) = 4e17) = 4e18
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: POD, wad: '0.5' }).slashedShares, ETH(4));
    assert.equal(opShares(l), ETH(4));
    assert.equal(pos(l, 'erin').withdrawableShares, ETH(4));
  });
});
