// Golden vectors for the unique-stake ledger (SPEC §3.3). Every expected number below was worked
// out from EigenLayer's formulas (mulWad/divWad round down, slashed magnitude and remaining
// operator shares round up), independently of this code; the derivation is in each comment.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseLedger, WAD } from './harness.js';

const H = (x: string): string => x; // readability: magnitudes in WAD units

describe('golden vectors: unique stake', () => {
  it('1. one 50% slash of a half allocation', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '500000000000000000' },
    ]);
    // slashedMag = ceil(5e17·5e17/1e18) = 2.5e17; max = 7.5e17; shares = ceil(1000·0.75) = 750
    assert.deepEqual(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '250');
    assert.deepEqual(l.opVault('op'), {
      shares: '750',
      maxMagnitude: H('750000000000000000'),
      encumberedMagnitude: H('250000000000000000'),
    });
    assert.equal(l.alloc('op', 's').currentMagnitude, '250000000000000000');
    assert.equal(l.staker('alice').withdrawableShares, '750'); // mulWad(mulWad(1000, 1e18), 7.5e17)
    // slashable = mulWad(750, divWad(2.5e17, 7.5e17) = 333333333333333333) = 249
    assert.equal(l.alloc('op', 's').slashableStake, '249');
  });

  it('2. repeated slashes down to zero, then FULLY_SLASHED', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
    ]);
    const steps = [
      ['0.5', '500', '500000000000000000'],
      ['0.5', '250', '250000000000000000'],
      ['0.5', '125', '125000000000000000'],
      [WAD, '125', '0'],
    ] as const;
    for (const [wad, slashed, max] of steps) {
      assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad }).slashedShares, slashed);
      assert.equal(l.opVault('op').maxMagnitude, max);
    }
    assert.equal(l.opVault('op').shares, '0');
    assert.equal(l.staker('alice').withdrawableShares, '0');
    assert.equal(l.slashed('s'), '1000');
    // nothing left: a further slash slashes nothing; new stake cannot join the operator
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '0');
    l.fails({ type: 'deposit', staker: 'alice', vault: 'v', amount: '10' }, 'FULLY_SLASHED');
    l.ok({ type: 'deposit', staker: 'bob', vault: 'v', amount: '10' });
    l.fails({ type: 'delegate', staker: 'bob', operator: 'op' }, 'FULLY_SLASHED');
  });

  it('3. odd fractions round magnitudes up and staker shares down', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1001' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '1/3' }, // 333333333333333333
    ]);
    // slashedMag = ceil(333333333333333333² / 1e18) = 111111111111111111
    const r = l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '1/3' });
    assert.equal(l.alloc('op', 's').currentMagnitude, '222222222222222222');
    assert.equal(l.opVault('op').maxMagnitude, '888888888888888889');
    // shares = ceil(1001 · 888888888888888889 / 1e18) = ceil(889.77…) = 890; staker = floor = 889
    assert.equal(l.opVault('op').shares, '890');
    assert.equal(r.slashedShares, '111');
    assert.equal(l.staker('alice').withdrawableShares, '889');
  });

  it('4. a slash that rounds to zero shares still lowers the magnitude', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '3' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '1/1000000000000000000' },
    ]);
    // slashedMag = ceil(1·1e18/1e18) = 1; shares = ceil(3·(1e18−1)/1e18) = 3 → 0 slashed
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: WAD }).slashedShares, '0');
    assert.equal(l.opVault('op').maxMagnitude, '999999999999999999');
    assert.equal(l.opVault('op').shares, '3');
    assert.equal(l.staker('alice').withdrawableShares, '2'); // floor(3·(1e18−1)/1e18)
  });

  it('5. a slash after a deallocation takes effect slashes nothing', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '0.5' },
    ]);
    assert.equal(l.ok({ type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '0' }).effectBlock, 11); // 0 + 10 + 1
    l.ok({ type: 'advance', blocks: 10 });
    assert.equal(l.alloc('op', 's').currentMagnitude, '500000000000000000'); // still slashable at block 10
    l.ok({ type: 'advance', blocks: 1 });
    assert.deepEqual(l.alloc('op', 's'), { currentMagnitude: '0', pendingMagnitude: '0', effectBlock: null, slashableStake: '0' });
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '0');
    assert.equal(l.opVault('op').maxMagnitude, WAD);
    assert.equal(l.opVault('op').encumberedMagnitude, '0');
  });

  it('6. a slash during a pending deallocation cuts the pending decrease', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '0.5' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '0.2' },
      { type: 'advance', blocks: 5 },
    ]);
    l.fails({ type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '0.1' }, 'MODIFICATION_PENDING');
    // slashedMag = 2.5e17 → current 2.5e17; pending −3e17 cut by ceil(3e17·0.5) = 1.5e17 → −1.5e17
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '250');
    assert.deepEqual(l.alloc('op', 's'), {
      currentMagnitude: '250000000000000000',
      pendingMagnitude: '-150000000000000000',
      effectBlock: 11,
      slashableStake: '249',
    });
    assert.equal(l.opVault('op').encumberedMagnitude, '250000000000000000');
    l.ok({ type: 'advance', blocks: 6 });
    assert.equal(l.alloc('op', 's').currentMagnitude, '100000000000000000'); // 0.2 × 0.5
    assert.equal(l.opVault('op').encumberedMagnitude, '100000000000000000');
  });

  it('7. a queued withdrawal is slashed at the last slashable block', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
      { type: 'queueWithdrawal', staker: 'alice', vault: 'v', shares: '400' }, // block 0, q = 400
      { type: 'advance', blocks: 10 }, // block 10 = start + delay
    ]);
    assert.equal(l.opVault('op').shares, '600');
    // operator: 600 → 300; queue: 400·1 − 400·0.5 = 200
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '500');
    l.fails({ type: 'completeWithdrawal', staker: 'alice', withdrawal: 'w1' }, 'WITHDRAWAL_DELAY_NOT_ELAPSED');
    l.ok({ type: 'advance', blocks: 1 });
    assert.deepEqual(l.ok({ type: 'completeWithdrawal', staker: 'alice', withdrawal: 'w1' }), { shares: '200', amount: '200' });
    assert.equal(l.view().accounts.alice.stETH, '200');
  });

  it('8. one block later the queued withdrawal is untouched', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
      { type: 'queueWithdrawal', staker: 'alice', vault: 'v', shares: '400' },
      { type: 'advance', blocks: 11 },
    ]);
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '300');
    assert.deepEqual(l.ok({ type: 'completeWithdrawal', staker: 'alice', withdrawal: 'w1' }), { shares: '400', amount: '400' });
    l.fails({ type: 'completeWithdrawal', staker: 'alice', withdrawal: 'w1' }, 'WITHDRAWAL_COMPLETED');
  });

  it('8b. a queued withdrawal burns mulWad(Q, prevMax − newMax), EigenLayer scaleForBurning', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '3' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '333333333333333333' },
      { type: 'queueWithdrawal', staker: 'alice', vault: 'v', shares: '3' }, // q = 3, operator shares 0
    ]);
    // slashedMag = ceil(333333333333333333 / 2) = 166666666666666667, newMax = 833333333333333333;
    // burned from the queue: floor(3 · 166666666666666667 / 1e18) = 0 (not 3 − floor(3 · 0.8333…) = 1)
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '0');
    assert.equal(l.slashed('s'), '0');
    l.ok({ type: 'advance', blocks: 11 });
    // completion pays mulWad(3, 833333333333333333) = 2; the third share stays in the vault, unowned
    assert.deepEqual(l.ok({ type: 'completeWithdrawal', staker: 'alice', withdrawal: 'w1' }), { shares: '2', amount: '2' });
    assert.equal(l.view().vaults.v.balance, '1');
  });

  it('9. re-delegation after a slash does not inherit the slash', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
      { type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' },
    ]);
    assert.deepEqual(l.ok({ type: 'undelegate', staker: 'alice' }).withdrawals, ['w1']);
    assert.equal(l.opVault('op').shares, '0');
    l.ok({ type: 'advance', blocks: 11 });
    assert.deepEqual(l.ok({ type: 'completeWithdrawal', staker: 'alice', withdrawal: 'w1' }), { shares: '500', amount: '500' });
    // vault: 500 shares / 500 assets left (the slashed, uncleared shares) → deposit 600 mints 600
    assert.equal(l.ok({ type: 'deposit', staker: 'alice', vault: 'v', amount: '600' }).shares, '600');
    l.ok({ type: 'delegate', staker: 'alice', operator: 'op' });
    // k = divWad(1e18, 5e17) = 2e18; a = mulWad(mulWad(600, 2e18), 5e17) = 600
    assert.deepEqual(l.staker('alice'), { depositShares: '600', withdrawableShares: '600', depositScalingFactor: '2000000000000000000' });
    assert.equal(l.opVault('op').shares, '600');
  });

  it('10. a deposit after a slash is not charged for it', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
      { type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' },
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
    ]);
    // k = divWad(divWad(500 + 1000, 1000 + 1000), 5e17) = divWad(7.5e17, 5e17) = 1.5e18
    assert.deepEqual(l.staker('alice'), { depositShares: '2000', withdrawableShares: '1500', depositScalingFactor: '1500000000000000000' });
    assert.equal(l.opVault('op').shares, '1500');
  });

  it('11. a deregistered operator stays slashable for the deallocation delay', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
    ]);
    assert.equal(l.ok({ type: 'deregisterFromOperatorSet', operator: 'op', set: 's' }).slashableUntil, 10);
    l.ok({ type: 'advance', blocks: 10 });
    l.fails({ type: 'registerForOperatorSet', operator: 'op', set: 's' }, 'ALREADY_REGISTERED');
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.1' }).slashedShares, '100');
    l.ok({ type: 'advance', blocks: 1 });
    l.fails({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.1' }, 'NOT_SLASHABLE');
    assert.equal(l.alloc('op', 's').slashableStake, '0');
    l.ok({ type: 'registerForOperatorSet', operator: 'op', set: 's' });
  });

  it('12. allocation delay: a pending increase is not slashable yet', () => {
    const l = baseLedger();
    l.all([
      { type: 'registerOperator', operator: 'slow', allocationDelay: 3 },
      { type: 'registerForOperatorSet', operator: 'slow', set: 's' },
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'slow' },
    ]);
    assert.equal(l.ok({ type: 'allocate', operator: 'slow', set: 's', vault: 'v', magnitude: '0.5' }).effectBlock, 3);
    assert.equal(l.opVault('slow').encumberedMagnitude, '500000000000000000');
    l.ok({ type: 'advance', blocks: 2 });
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'slow', vault: 'v', wad: '0.5' }).slashedShares, '0');
    l.ok({ type: 'advance', blocks: 1 });
    assert.equal(l.alloc('slow', 's').currentMagnitude, '500000000000000000');
    assert.equal(l.ok({ type: 'slash', set: 's', operator: 'slow', vault: 'v', wad: '0.5' }).slashedShares, '250');
  });

  it('13. unique stake cannot be allocated twice', () => {
    const l = baseLedger({ sets: ['s1', 's2'] });
    l.ok({ type: 'allocate', operator: 'op', set: 's1', vault: 'v', magnitude: '0.6' });
    l.fails({ type: 'allocate', operator: 'op', set: 's2', vault: 'v', magnitude: '0.5' }, 'INSUFFICIENT_MAGNITUDE');
    l.ok({ type: 'allocate', operator: 'op', set: 's2', vault: 'v', magnitude: '0.4' });
    l.fails({ type: 'allocate', operator: 'op', set: 's2', vault: 'v', magnitude: '0.4' }, 'SAME_MAGNITUDE');
    assert.equal(l.opVault('op').encumberedMagnitude, WAD);
  });

  it('14. clearing slashed shares burns or pays the redistribution target', () => {
    const l = baseLedger();
    l.all([
      { type: 'createOperatorSet', service: 'svc', set: 'paid', vaults: ['v'], redistributeTo: 'insurance' },
      { type: 'registerForOperatorSet', operator: 'op', set: 'paid' },
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: '0.5' },
      { type: 'allocate', operator: 'op', set: 'paid', vault: 'v', magnitude: '0.5' },
      { type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.2' }, // 100 shares
      { type: 'slash', set: 'paid', operator: 'op', vault: 'v', wad: '0.5' }, // ceil(900·0.65/0.9) = 650 → 250
    ]);
    assert.equal(l.slashed('paid'), '250');
    assert.deepEqual(l.ok({ type: 'clearSlashed', set: 's' }), { cleared: ['v:100'], to: 'burn' });
    assert.deepEqual(l.ok({ type: 'clearSlashed', set: 'paid' }), { cleared: ['v:250'], to: 'insurance' });
    l.fails({ type: 'clearSlashed', set: 's' }, 'NOTHING_TO_CLEAR');
    assert.deepEqual(l.view().burned, { stETH: '100' });
    assert.equal(l.view().accounts.insurance.stETH, '250');
    assert.equal(l.view().vaults.v.balance, '650');
  });
});
