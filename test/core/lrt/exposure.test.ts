// Look-through exposure across 1, 2 and 3 LRT layers (SPEC §3.1 LRT), exact Rationals.
// Fixture numbers (whole units of 18-decimal assets, stETH price 2) are in lrtFixture.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assetPrice } from '../../../src/core/lrt/assetPrice.js';
import { lookThroughExposure, totalExposure, type Exposure, type ExposureTarget } from '../../../src/core/lrt/lookThroughExposure.js';
import { Rational } from '../../../src/math/rational.js';
import type { TestLedger } from '../harness.js';
import { threeLayers, twoLayers } from './lrtFixture.js';

const r = (n: bigint, d = 1n): string => Rational.of(n, d).toString();

/** Exposure as { operator: { set: "p/q" } } for deepEqual. */
function flat(e: Exposure): Record<string, Record<string, string>> {
  const o: Record<string, Record<string, string>> = {};
  for (const [op, bySet] of e) {
    o[op] = {};
    for (const [set, x] of bySet) (o[op] as Record<string, string>)[set] = x.toString();
  }
  return o;
}
const exp = (l: TestLedger, t: ExposureTarget): Record<string, Record<string, string>> => flat(lookThroughExposure(l.state, t));

describe('LRT look-through exposure', () => {
  it('one layer: an LRT is exposed to its operators’ slashable stake, pro rata to its shares', () => {
    const l = twoLayers();
    // L1 holds all 1000 v1 shares of opA; opA allocates 1/4 → 250 stETH · 2 = 500
    assert.deepEqual(exp(l, { kind: 'lrt', id: 'L1' }), { opA: { s1: '500' } });
    assert.deepEqual(exp(l, { kind: 'vault', id: 'v1' }), { opA: { s1: '500' } });
  });

  it('two layers: a vault of LRT tokens = its own operators + its share of the LRT', () => {
    const l = twoLayers();
    // T1 price = NAV/supply · 2 = 2. vT direct: opC slashable 200 T1 · 2 = 400.
    assert.ok(assetPrice(l.state, 'T1').eq(Rational.of(2n)));
    // look-through: vT holds 400 of 1000 T1 → 2/5 · 500 = 200 on (opA, s1)
    assert.deepEqual(exp(l, { kind: 'vault', id: 'vT' }), { opC: { s2: '400' }, opA: { s1: '200' } });
    // alice: her vT position (all of opC's shares) → 400 on opC and 2/5·500 = 200 on opA,
    // plus 600 T1 in her wallet → 3/5·500 = 300 more on opA
    assert.deepEqual(exp(l, { kind: 'staker', id: 'alice' }), { opC: { s2: '400' }, opA: { s1: '500' } });
  });

  it('two layers after a slash of the inner operator: NAV, token price and both layers move exactly', () => {
    const l = twoLayers();
    // slashedMag = ceil(0.25e18·0.5) = 1.25e17 → maxMagnitude 8.75e17, current 1.25e17;
    // L1 staker withdrawable = floor(1000e18·0.875) = 875e18 → NAV down by exactly 125e18 stETH
    assert.equal(l.ok({ type: 'slash', set: 's1', operator: 'opA', vault: 'v1', wad: '0.5' }).slashedShares, '125000000000000000000');
    assert.equal(l.view().lrts.lrts.L1.nav, '875000000000000000000');
    assert.ok(assetPrice(l.state, 'T1').eq(Rational.of(7n, 4n))); // 875/1000 · 2
    // (opA, s1) slashable = mulWad(875e18, divWad(1.25e17, 8.75e17) = 142857142857142857)
    //                    = 124999999999999999875 shares = stETH, ·2 /1e18 = 124999999999999999875/5e17
    const opA = 124999999999999999875n;
    assert.deepEqual(exp(l, { kind: 'lrt', id: 'L1' }), { opA: { s1: r(opA * 2n, 10n ** 18n) } });
    // vT: opC 200 T1 · 7/4 = 350; opA: 2/5 of L1's
    assert.deepEqual(exp(l, { kind: 'vault', id: 'vT' }), { opC: { s2: '350' }, opA: { s1: r(opA * 4n, 5n * 10n ** 18n) } });
  });

  it('three layers: vault of T2 → L2 (over T1) → L1 (over stETH)', () => {
    const l = threeLayers();
    assert.equal(l.view().lrts.lrts.L2.depth, 2);
    assert.ok(assetPrice(l.state, 'T2').eq(Rational.of(2n))); // 200/200 · price(T1) = 2
    // L2: opD slashes all of vB: 200 T1 · 2 = 400; look-through: 200 of 1000 T1 → 1/5 · 500 = 100 on opA
    assert.deepEqual(exp(l, { kind: 'lrt', id: 'L2' }), { opD: { s3: '400' }, opA: { s1: '100' } });
    // vC: opE 25 T2 · 2 = 50; vC holds 50 of 200 T2 → 1/4 of L2: opD 100, opA 25
    assert.deepEqual(exp(l, { kind: 'vault', id: 'vC' }), { opE: { s4: '50' }, opD: { s3: '100' }, opA: { s1: '25' } });
    // bob: vC position (all of opE's) 50 + 1/4 of L2; wallet 150 T2 → 3/4 of L2: opD 400, opA 100
    assert.deepEqual(exp(l, { kind: 'staker', id: 'bob' }), { opE: { s4: '50' }, opD: { s3: '400' }, opA: { s1: '100' } });
    assert.ok(totalExposure(lookThroughExposure(l.state, { kind: 'vault', id: 'vC' })).eq(Rational.of(175n)));
    // alice and bob hold every T1 between them (wallets, vT, via L2): their opA exposures add up to L1's 500
    // alice: wallet 400 T1 → 200, vT 400 T1 → 200; bob: 100 (above)
    assert.deepEqual(exp(l, { kind: 'staker', id: 'alice' }), { opC: { s2: '400' }, opA: { s1: '400' } });
  });

  it('three layers: a slash at the bottom reaches the top vault through both NAVs', () => {
    const l = threeLayers();
    // opA slashed by 1/2 of its 1/4 allocation: L1 NAV 875 of 1000 → T1 price 7/4, T2 price 200·(7/4)/200 = 7/4
    l.ok({ type: 'slash', set: 's1', operator: 'opA', vault: 'v1', wad: '0.5' });
    assert.ok(assetPrice(l.state, 'T2').eq(Rational.of(7n, 4n)));
    const opA = 124999999999999999875n; // (opA, s1) slashable stETH, as in the two-layer test
    // vC: opE 25 T2 · 7/4 = 175/4; opD: 1/4 · 200 T1 · 7/4 = 175/2; opA: 1/4 · 1/5 · opA·2/1e18
    assert.deepEqual(exp(l, { kind: 'vault', id: 'vC' }), {
      opE: { s4: r(175n, 4n) },
      opD: { s3: r(175n, 2n) },
      opA: { s1: r(opA * 2n, 20n * 10n ** 18n) },
    });
    // redeeming L2 tokens pays T1 into the wallet once the delay is over
    const red = l.ok({ type: 'redeemLrt', lrt: 'L2', account: 'bob', tokens: '100000000000000000000' });
    l.ok({ type: 'advance', blocks: 11 });
    // floor(200e18·100/200) = 100e18 vB shares at price 1 → 100 T1
    assert.equal(
      l.ok({ type: 'completeLrtRedemption', account: 'bob', redemption: red.redemption as string }).amount,
      '100000000000000000000',
    );
    assert.equal(l.view().lrts.lrts.L1.balances.bob, '100000000000000000000');
  });
});
