// LRT recursion bound (SPEC §3.1: depth bounded by a named constant).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recursionDepthMax } from '../../../src/core/lrt/lrtBounds.js';
import { lookThroughExposure } from '../../../src/core/lrt/lookThroughExposure.js';
import { E, operatorWithSet, twoLayers } from './lrtFixture.js';

describe('LRT recursion depth', () => {
  it(`LRTs nest up to recursionDepthMax (${recursionDepthMax}); one more fails LRT_DEPTH_EXCEEDED`, () => {
    assert.equal(recursionDepthMax, 4);
    const l = twoLayers(); // L1 over stETH: depth 1
    operatorWithSet(l, 'opX', 'sx', []);
    let underlying = 'T1';
    for (let d = 2; d <= recursionDepthMax; d++) {
      l.ok({ type: 'createVault', vault: `vx${d}`, asset: underlying });
      const out = l.ok({
        type: 'createLrt',
        lrt: `L${d}x`,
        asset: underlying,
        token: `T${d}x`,
        manager: 'm',
        operators: [{ operator: 'opX', vault: `vx${d}`, weight: 1 }],
      });
      assert.equal(out.depth, d);
      underlying = `T${d}x`;
    }
    l.ok({ type: 'createVault', vault: 'vTop', asset: underlying });
    l.fails(
      {
        type: 'createLrt',
        lrt: 'tooDeep',
        asset: underlying,
        token: 'Tdeep',
        manager: 'm',
        operators: [{ operator: 'opX', vault: 'vTop', weight: 1 }],
      },
      'LRT_DEPTH_EXCEEDED',
    );

    // tokens flow down the whole chain: 10 T1 → 10 T2x → 10 T3x → 10 T4x (each first mint 1:1)
    let prev = 'L1';
    for (let d = 2; d <= recursionDepthMax; d++) {
      l.ok({ type: 'depositLrt', lrt: `L${d}x`, account: 'alice', amount: E(10) });
      assert.equal(l.view().lrts.lrts[`L${d}x`].balances.alice, E(10));
      assert.equal(l.view().lrts.lrts[prev].balances.alice ?? '0', d === 2 ? E(590) : '0');
      prev = `L${d}x`;
    }
    l.fails({ type: 'depositLrt', lrt: 'L2x', account: 'alice', amount: E(1000) }, 'INSUFFICIENT_LRT_TOKENS');
    // look-through from the deepest LRT reaches opA at the bottom: 10 of 1000 T1 → 1/100 · 500 = 5
    assert.equal(
      lookThroughExposure(l.state, { kind: 'lrt', id: `L${recursionDepthMax}x` })
        .get('opA')
        ?.get('s1')
        ?.toString(),
      '5',
    );
  });
});
