import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseLedger, fundedLedger, TestLedger, WAD } from '../harness.js';

const half = '500000000000000000';

describe('allocateAt: allocate with the effect block given (a chain fact)', () => {
  it('an increase is encumbered at once and takes effect at its block, like allocate with that delay', () => {
    const a = baseLedger();
    const b = baseLedger();
    a.ok({ type: 'setAllocationDelayAt', operator: 'op', delay: 7, effectBlock: 0 });
    a.ok({ type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: half });
    b.ok({ type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: half, effectBlock: 7 });
    assert.deepEqual(b.alloc('op', 's'), a.alloc('op', 's'));
    assert.equal(b.opVault('op').encumberedMagnitude, half);
    assert.equal(b.alloc('op', 's').effectBlock, 7);
    b.ok({ type: 'advance', blocks: 6 });
    assert.equal(b.alloc('op', 's').currentMagnitude, '0');
    b.ok({ type: 'advance', blocks: 1 });
    assert.equal(b.alloc('op', 's').currentMagnitude, half);
  });

  it('a decrease frees its magnitude only at its effect block; one at the current block settles at once', () => {
    const l = baseLedger();
    l.ok({ type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: WAD, effectBlock: 0 });
    assert.equal(l.alloc('op', 's').currentMagnitude, WAD);
    l.ok({ type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: half, effectBlock: 51 });
    assert.equal(l.opVault('op').encumberedMagnitude, WAD);
    l.ok({ type: 'advance', blocks: 51 });
    assert.equal(l.opVault('op').encumberedMagnitude, half);
    l.ok({ type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: '0', effectBlock: 51 });
    assert.equal(l.opVault('op').encumberedMagnitude, '0');
    assert.equal(l.alloc('op', 's').effectBlock, null);
  });

  it('refuses a past effect block, a pending change, the same magnitude, too much magnitude and a vault outside the set', () => {
    const l = baseLedger();
    l.ok({ type: 'registerAsset', asset: 'eth', decimals: 18, price: '1' });
    l.ok({ type: 'createVault', vault: 'w', asset: 'eth' });
    l.ok({ type: 'advance', blocks: 10 });
    l.fails({ type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: half, effectBlock: 9 }, 'EFFECT_BLOCK_PAST');
    l.fails({ type: 'allocateAt', operator: 'op', set: 's', vault: 'w', magnitude: half, effectBlock: 10 }, 'VAULT_NOT_IN_SET');
    l.fails({ type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: '0', effectBlock: 10 }, 'SAME_MAGNITUDE');
    l.fails(
      { type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: '1000000000000000001', effectBlock: 10 },
      'NUMBER_OUT_OF_RANGE',
    );
    l.ok({ type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: half, effectBlock: 20 });
    l.fails({ type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: WAD, effectBlock: 30 }, 'MODIFICATION_PENDING');
    l.ok({ type: 'createService', service: 'svc2' });
    l.ok({ type: 'createOperatorSet', service: 'svc2', set: 't', vaults: ['v'] });
    l.fails(
      { type: 'allocateAt', operator: 'op', set: 't', vault: 'v', magnitude: '500000000000000001', effectBlock: 10 },
      'INSUFFICIENT_MAGNITUDE',
    );
    l.fails({ type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: half, effectBlock: 2 ** 32 }, 'NUMBER_OUT_OF_RANGE');
  });

  it('slashing after allocateAt works as after allocate', () => {
    const a = fundedLedger();
    const b = baseLedger();
    b.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocateAt', operator: 'op', set: 's', vault: 'v', magnitude: WAD, effectBlock: 0 },
    ]);
    for (const l of [a, b]) l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '250000000000000000' });
    assert.deepEqual(b.view().operators, a.view().operators);
  });
});

describe('setAllocationDelayAt', () => {
  it('schedules the delay for its block and keeps a delay that already took effect', () => {
    const l = baseLedger();
    l.ok({ type: 'setAllocationDelayAt', operator: 'op', delay: 4, effectBlock: 3 });
    l.ok({ type: 'advance', blocks: 3 });
    l.ok({ type: 'setAllocationDelayAt', operator: 'op', delay: 9, effectBlock: 100 });
    // The first delay (4) applies until block 100, even though a new one is pending.
    const r = l.ok({ type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: half });
    assert.equal(r['effectBlock'], 7);
    l.fails({ type: 'setAllocationDelayAt', operator: 'op', delay: 1, effectBlock: 2 }, 'EFFECT_BLOCK_PAST');
    l.fails({ type: 'setAllocationDelayAt', operator: 'nobody', delay: 1, effectBlock: 200 }, 'UNKNOWN_OPERATOR');
  });
});

describe('addVaultToSet', () => {
  it('adds a vault the set then accepts, once', () => {
    const l = new TestLedger();
    l.all([
      { type: 'registerAsset', asset: 'a', decimals: 18, price: '1' },
      { type: 'createVault', vault: 'v', asset: 'a' },
      { type: 'registerOperator', operator: 'op' },
      { type: 'createService', service: 'svc' },
      { type: 'createOperatorSet', service: 'svc', set: 's', vaults: [] },
    ]);
    l.fails({ type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: half }, 'VAULT_NOT_IN_SET');
    l.ok({ type: 'addVaultToSet', set: 's', vault: 'v' });
    l.fails({ type: 'addVaultToSet', set: 's', vault: 'v' }, 'VAULT_IN_SET');
    l.fails({ type: 'addVaultToSet', set: 's', vault: 'nope' }, 'UNKNOWN_VAULT');
    l.fails({ type: 'addVaultToSet', set: 'nope', vault: 'v' }, 'UNKNOWN_SET');
    l.ok({ type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: half });
    assert.equal(l.alloc('op', 's').currentMagnitude, half);
  });
});
