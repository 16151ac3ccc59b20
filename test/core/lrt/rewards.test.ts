// Rewards earned by an LRT's internal stakers flow into NAV (harvestLrtRewards).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLrt } from '../../../src/core/lrt/lrtLookups.js';
import { lrtNav } from '../../../src/core/lrt/lrtNav.js';
import { lrtLedger, operatorWithSet } from './lrtFixture.js';

describe('LRT rewards', () => {
  it('harvestLrtRewards moves the internal stakers’ underlying rewards into idle, raising NAV', () => {
    const l = lrtLedger();
    l.ok({ type: 'createVault', vault: 'v1', asset: 'stETH' });
    operatorWithSet(l, 'opA', 's1', ['v1']);
    l.ok({
      type: 'createLrt',
      lrt: 'L',
      asset: 'stETH',
      token: 'LT',
      manager: 'm',
      operators: [{ operator: 'opA', vault: 'v1', weight: 1 }],
    });
    l.ok({ type: 'depositLrt', lrt: 'L', account: 'alice', amount: '1000' });
    l.fails({ type: 'harvestLrtRewards', lrt: 'L' }, 'NOTHING_TO_CLAIM');
    l.ok({ type: 'allocate', operator: 'opA', set: 's1', vault: 'v1', magnitude: '0.5' });
    // opA is the only operator with stake (default commission 10%); its only staker is the LRT's: 100 − 10 = 90
    l.ok({ type: 'submitRewards', service: 'svc-s1', set: 's1', asset: 'stETH', amount: '100' });
    assert.equal(l.ok({ type: 'harvestLrtRewards', lrt: 'L' }).amount, '90');
    assert.equal(l.view().lrts.lrts.L.idle, '90');
    assert.equal(lrtNav(l.state, getLrt(l.state, 'L')), 1090n);
    // bob now pays the higher NAV: floor(109·1000/1090) = 100 tokens
    assert.equal(l.ok({ type: 'depositLrt', lrt: 'L', account: 'bob', amount: '109' }).minted, '100');
    l.fails({ type: 'harvestLrtRewards', lrt: 'L' }, 'NOTHING_TO_CLAIM');
  });
});
