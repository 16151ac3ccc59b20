// Golden vectors for elastic (shared) restaking (SPEC §3.2): allocations may sum past maxMagnitude;
// after a slash every allocation of that operator and vault is clamped to the new maxMagnitude.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseLedger, WAD } from './harness.js';

function elastic(sets: string[], magnitudes: string[]) {
  const l = baseLedger({ mode: 'elastic', sets });
  l.all([
    { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
    { type: 'delegate', staker: 'alice', operator: 'op' },
  ]);
  sets.forEach((set, i) => l.ok({ type: 'allocate', operator: 'op', set, vault: 'v', magnitude: magnitudes[i] }));
  return l;
}

describe('golden vectors: elastic stake', () => {
  it('E1. degree 1 behaves as unique stake', () => {
    const l = elastic(['s1'], [WAD]);
    assert.equal(l.ok({ type: 'slash', set: 's1', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '500');
    assert.deepEqual(l.opVault('op'), { shares: '500', maxMagnitude: '500000000000000000', encumberedMagnitude: '500000000000000000' });
  });

  it('E2. degree 2 (full restaking): a slash in one set stretches the other', () => {
    const l = elastic(['s1', 's2'], [WAD, WAD]);
    assert.equal(l.opVault('op').encumberedMagnitude, '2000000000000000000');
    assert.equal(l.ok({ type: 'slash', set: 's1', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '500');
    // s2 clamped from 1e18 to the new maxMagnitude 5e17; encumbered 2e18 − 5e17 − 5e17
    assert.equal(l.alloc('op', 's2').currentMagnitude, '500000000000000000');
    assert.equal(l.alloc('op', 's2').slashableStake, '500');
    assert.equal(l.opVault('op').encumberedMagnitude, '1000000000000000000');
    // and back: slashing s2 by half clamps s1 to 2.5e17
    assert.equal(l.ok({ type: 'slash', set: 's2', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '250');
    assert.equal(l.alloc('op', 's1').currentMagnitude, '250000000000000000');
    assert.equal(l.opVault('op').shares, '250');
  });

  it('E3. degree 1.3: a full slash of one set leaves the other clamped to what is left', () => {
    const l = elastic(['s1', 's2'], ['0.6', '0.7']);
    // slashedMag = 6e17 → max 4e17; s2 7e17 → 4e17; shares ceil(1000·0.4) = 400
    assert.equal(l.ok({ type: 'slash', set: 's1', operator: 'op', vault: 'v', wad: WAD }).slashedShares, '600');
    assert.equal(l.alloc('op', 's1').currentMagnitude, '0');
    assert.equal(l.alloc('op', 's2').currentMagnitude, '400000000000000000');
    assert.equal(l.alloc('op', 's2').slashableStake, '400');
    assert.equal(l.staker('alice').withdrawableShares, '400');
  });

  it('E4. degree 1.5 over three sets: clamps only what exceeds the new maximum', () => {
    const l = elastic(['s1', 's2', 's3'], ['0.5', '0.5', '0.5']);
    // s1 slashed 2.5e17 → max 7.5e17: s2, s3 (5e17) untouched
    assert.equal(l.ok({ type: 'slash', set: 's1', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '250');
    assert.equal(l.alloc('op', 's3').currentMagnitude, '500000000000000000');
    // s2 fully slashed: 5e17 → max 2.5e17; s1 stays 2.5e17, s3 clamps to 2.5e17; shares ceil(750/3) = 250
    assert.equal(l.ok({ type: 'slash', set: 's2', operator: 'op', vault: 'v', wad: WAD }).slashedShares, '500');
    assert.equal(l.alloc('op', 's1').currentMagnitude, '250000000000000000');
    assert.equal(l.alloc('op', 's3').currentMagnitude, '250000000000000000');
    assert.equal(l.opVault('op').encumberedMagnitude, '500000000000000000');
  });

  it('E5. after a slash each allocation is capped by the new maximum', () => {
    const l = elastic(['s1', 's2'], ['0.6', '0.7']);
    l.ok({ type: 'slash', set: 's1', operator: 'op', vault: 'v', wad: WAD });
    l.fails({ type: 'allocate', operator: 'op', set: 's1', vault: 'v', magnitude: '0.5' }, 'INSUFFICIENT_MAGNITUDE');
    l.ok({ type: 'allocate', operator: 'op', set: 's1', vault: 'v', magnitude: '0.4' });
    assert.equal(l.alloc('op', 's1').currentMagnitude, '400000000000000000');
  });

  it('E6. degree 3 with a one-third slash: every allocation ends at the new maximum', () => {
    const l = elastic(['s1', 's2', 's3'], [WAD, WAD, WAD]);
    // wad "1/3" → 333333333333333333 (parsed rounding down); slashedMag = ceil(1e18 · that / 1e18)
    // = 333333333333333333 → max 666666666666666667; shares ceil(666.67) = 667, staker floor = 666
    assert.equal(l.ok({ type: 'slash', set: 's1', operator: 'op', vault: 'v', wad: '1/3' }).slashedShares, '333');
    for (const s of ['s1', 's2', 's3']) assert.equal(l.alloc('op', s).currentMagnitude, '666666666666666667');
    assert.equal(l.staker('alice').withdrawableShares, '666');
  });

  it('E8. degree 2.8 over three sets, two slashes and a delegation in between', () => {
    const l = elastic(['s1', 's2', 's3'], [WAD, WAD, '0.8']);
    // s2 by 1/4: slashedMag 2.5e17 → max 7.5e17; s1 1e18 and s3 8e17 clamp to 7.5e17;
    // encumbered 2.8e18 − 2.5e17 − 2.5e17 − 5e16 = 2.25e18; shares ceil(1000·0.75) = 750
    assert.equal(l.ok({ type: 'slash', set: 's2', operator: 'op', vault: 'v', wad: '0.25' }).slashedShares, '250');
    for (const s of ['s1', 's2', 's3']) assert.equal(l.alloc('op', s).currentMagnitude, '750000000000000000');
    assert.equal(l.opVault('op').encumberedMagnitude, '2250000000000000000');
    // bob delegates 300 after it: k = divWad(1e18, 7.5e17) = 1333333333333333333, operator +300;
    // his withdrawable mulWad(mulWad(300, k) = 399, 7.5e17) = 299 (EigenLayer rounds against him)
    l.all([
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '300' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
    ]);
    assert.equal(l.staker('bob').depositScalingFactor, '1333333333333333333');
    assert.equal(l.staker('bob').withdrawableShares, '299');
    assert.equal(l.opVault('op').shares, '1050');
    // s3 by 1/2: slashedMag ceil(3.75e17) → max 3.75e17, s1 and s2 clamp to it; shares ceil(1050/2) = 525
    assert.equal(l.ok({ type: 'slash', set: 's3', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '525');
    for (const s of ['s1', 's2', 's3']) assert.equal(l.alloc('op', s).currentMagnitude, '375000000000000000');
    assert.equal(l.opVault('op').encumberedMagnitude, '1125000000000000000');
    assert.equal(l.staker('alice').withdrawableShares, '375'); // mulWad(1000, 3.75e17)
    assert.equal(l.staker('bob').withdrawableShares, '149'); // mulWad(399, 3.75e17) = floor(149.625)
  });

  // E9/E10 (issue 15): a pending change in another set is a target; after a slash of A lowers
  // maxMagnitude it lands at min(target, new max). Hand derivation (WAD = 1e18, delays 10/10/5):
  //   A = 0.8, D = 0.9 (delay 0: at once); encumbered 1.7e18.
  //   allocate D 0.7: a decrease of a slashable allocation, pending −2e17, effect block now + 11.
  //   slash A by 0.5: slashedMag = ceil(8e17 · 0.5) = 4e17 → A 4e17, max 6e17; shares ceil(1000 · 0.6) = 600.
  //   clamp D: current 9e17 → 6e17; target 7e17 ≥ 6e17, so pending becomes 6e17 − 6e17 = 0 (not the
  //   stale −2e17 that landed D at 4e17); encumbered 1.7e18 − 4e17 − 3e17 = 1e18.
  //   after 11 blocks: D = min(7e17, 6e17) = 6e17, encumbered stays 1e18.
  //   With target 0.5 instead: pending = min(5e17, 6e17) − 6e17 = −1e17, D lands at 5e17 (not 2e17);
  //   encumbered 1e18 − 1e17 = 9e17; slashable mulWad(600, divWad(5e17, 6e17) = 833333333333333333) = 499.
  function pendingTarget(target: string) {
    const l = elastic(['A', 'D'], ['0.8', '0.9']);
    const { effectBlock } = l.ok({ type: 'allocate', operator: 'op', set: 'D', vault: 'v', magnitude: target });
    assert.equal(effectBlock, 11);
    assert.equal(l.ok({ type: 'slash', set: 'A', operator: 'op', vault: 'v', wad: '0.5' }).slashedShares, '400');
    assert.equal(l.opVault('op').maxMagnitude, '600000000000000000');
    assert.equal(l.alloc('op', 'D').currentMagnitude, '600000000000000000');
    return l;
  }

  it('E9. a pending decrease to 0.7 in D lands at min(0.7, 0.6) = 0.6 after A is slashed', () => {
    const l = pendingTarget('0.7');
    assert.equal(l.alloc('op', 'D').pendingMagnitude, '0');
    assert.equal(l.opVault('op').encumberedMagnitude, '1000000000000000000');
    l.ok({ type: 'advance', blocks: 11 });
    assert.deepEqual(l.alloc('op', 'D'), {
      currentMagnitude: '600000000000000000',
      pendingMagnitude: '0',
      effectBlock: null,
      slashableStake: '600',
    });
    assert.equal(l.opVault('op').encumberedMagnitude, '1000000000000000000');
  });

  it('E10. a pending decrease to 0.5 in D lands at 0.5 after A is slashed (not 0.2)', () => {
    const l = pendingTarget('0.5');
    assert.equal(l.alloc('op', 'D').pendingMagnitude, '-100000000000000000');
    l.ok({ type: 'advance', blocks: 10 });
    assert.equal(l.alloc('op', 'D').currentMagnitude, '600000000000000000', 'still slashable at the full 0.6 until the effect block');
    l.ok({ type: 'advance', blocks: 1 });
    assert.deepEqual(l.alloc('op', 'D'), {
      currentMagnitude: '500000000000000000',
      pendingMagnitude: '0',
      effectBlock: null,
      slashableStake: '499',
    });
    assert.equal(l.opVault('op').encumberedMagnitude, '900000000000000000');
  });

  it("E11. the slashed set keeps EigenLayer's proportional cut of its own pending decrease", () => {
    // D = 0.9 → 0.7 pending (−2e17); slash D by 0.5: slashedMag ceil(4.5e17) → D 4.5e17, max 5.5e17;
    // pending cut by ceil(2e17 · 0.5) = 1e17 → −1e17: D lands at 3.5e17 (the target halves with the stake).
    // A (0.8 > 5.5e17) clamps to 5.5e17. encumbered 1.7e18 − 4.5e17 − 2.5e17 = 1e18, then − 1e17 at landing.
    const l = elastic(['A', 'D'], ['0.8', '0.9']);
    l.ok({ type: 'allocate', operator: 'op', set: 'D', vault: 'v', magnitude: '0.7' });
    l.ok({ type: 'slash', set: 'D', operator: 'op', vault: 'v', wad: '0.5' });
    assert.equal(l.alloc('op', 'D').pendingMagnitude, '-100000000000000000');
    assert.equal(l.alloc('op', 'A').currentMagnitude, '550000000000000000');
    assert.equal(l.opVault('op').encumberedMagnitude, '1000000000000000000');
    l.ok({ type: 'advance', blocks: 11 });
    assert.equal(l.alloc('op', 'D').currentMagnitude, '350000000000000000');
    assert.equal(l.opVault('op').encumberedMagnitude, '900000000000000000');
  });

  it('E7. unique mode refuses what elastic mode accepts', () => {
    const u = baseLedger({ sets: ['s1', 's2'] });
    u.ok({ type: 'allocate', operator: 'op', set: 's1', vault: 'v', magnitude: WAD });
    u.fails({ type: 'allocate', operator: 'op', set: 's2', vault: 'v', magnitude: '0.1' }, 'INSUFFICIENT_MAGNITUDE');
  });
});
