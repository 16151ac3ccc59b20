// LRT mint / redeem at NAV and slashes through NAV (SPEC §3.1 LRT). Every expected number is
// derived by hand in the comments from the formulas in docs/lrt.md; the harness checks the
// §3.8 invariants (plus the LRT token conservation) after every command.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getLrt } from '../../../src/core/lrt/lrtLookups.js';
import { lrtNav } from '../../../src/core/lrt/lrtNav.js';
import { lrtTokenPrice } from '../../../src/core/lrt/assetPrice.js';
import { Rational } from '../../../src/math/rational.js';
import type { TestLedger } from '../harness.js';
import { lrtLedger, operatorWithSet } from './lrtFixture.js';

/** L over stETH (price 2): targets opA/v1 weight 3, opB/v2 weight 1; both in set s1. */
function oneLayer(): TestLedger {
  const l = lrtLedger();
  l.ok({ type: 'createVault', vault: 'v1', asset: 'stETH' });
  l.ok({ type: 'createVault', vault: 'v2', asset: 'stETH' });
  operatorWithSet(l, 'opA', 's1', ['v1', 'v2']);
  l.ok({ type: 'registerOperator', operator: 'opB' });
  l.ok({ type: 'registerForOperatorSet', operator: 'opB', set: 's1' });
  const r = l.ok({
    type: 'createLrt',
    lrt: 'L',
    asset: 'stETH',
    token: 'LT',
    manager: 'mgr',
    operators: [
      { operator: 'opA', vault: 'v1', weight: 3 },
      { operator: 'opB', vault: 'v2', weight: 1 },
    ],
  });
  assert.deepEqual(r.stakers, ['lrt:L:opA', 'lrt:L:opB']);
  return l;
}

const nav = (l: TestLedger): bigint => lrtNav(l.state, getLrt(l.state, 'L'));
const lrtView = (l: TestLedger): any => l.view().lrts.lrts.L; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('LRT: mint and redeem at NAV', () => {
  it('first mint is 1:1, later mints at amount·supply/NAV, deposits split by largest remainder', () => {
    const l = oneLayer();
    // 1000 → 750 (v1) / 250 (v2); empty vaults price shares 1:1 ((0+1000)/(0+1000)); supply 0 → 1000 minted
    assert.equal(l.ok({ type: 'depositLrt', lrt: 'L', account: 'alice', amount: '1000' }).minted, '1000');
    assert.equal(l.staker('lrt:L:opA', 'v1').depositShares, '750');
    assert.equal(l.staker('lrt:L:opB', 'v2').depositShares, '250');
    assert.equal(l.view().stakers['lrt:L:opA'].delegatedTo, 'opA');
    assert.equal(nav(l), 1000n);
    // 101: floor(303/4) = 75 r3, floor(101/4) = 25 r1 → the leftover unit goes to the larger remainder: 76 / 25
    assert.equal(l.ok({ type: 'depositLrt', lrt: 'L', account: 'bob', amount: '101' }).minted, '101'); // 101·1000/1000
    assert.equal(l.staker('lrt:L:opA', 'v1').depositShares, '826');
    assert.equal(l.staker('lrt:L:opB', 'v2').depositShares, '275');
    assert.equal(lrtView(l).supply, '1101');
    assert.deepEqual(lrtView(l).balances, { alice: '1000', bob: '101' });
    assert.equal(nav(l), 1101n);
    // price per whole token = NAV/supply · 2 · 1e18/1e18 = 2
    assert.ok(lrtTokenPrice(l.state, getLrt(l.state, 'L')).eq(Rational.of(2n)));
  });

  it('a slash lowers NAV by the LRT staker’s lost withdrawable value, and later mints pay the lower NAV', () => {
    const l = oneLayer();
    l.ok({ type: 'depositLrt', lrt: 'L', account: 'alice', amount: '1000' });
    l.ok({ type: 'depositLrt', lrt: 'L', account: 'bob', amount: '101' });
    l.ok({ type: 'allocate', operator: 'opA', set: 's1', vault: 'v1', magnitude: '0.5' });
    // slashedMag = ceil(0.5e18·0.5) = 2.5e17 → maxMagnitude 7.5e17; operator shares ceil(826·0.75) = 620
    assert.equal(l.ok({ type: 'slash', set: 's1', operator: 'opA', vault: 'v1', wad: '0.5' }).slashedShares, '206');
    // staker withdrawable = floor(826·0.75) = 619 (k = WAD): NAV = 619·1826/1826 + 275 = 894, down 207 from 1101
    assert.equal(nav(l), 894n);
    assert.equal(lrtView(l).nav, '894');
    // token price = 894/1101 · 2; the state view shows it for the token asset too
    assert.ok(lrtTokenPrice(l.state, getLrt(l.state, 'L')).eq(Rational.of(1788n, 1101n)));
    assert.equal(l.view().assets.LT.price, Rational.of(1788n, 1101n).toDecimal(36));
    // carol's 100 → 75 (v1) / 25 (v2), both at share price 1. On v1 the LRT staker's scaling factor
    // becomes k = divWad(divWad(619 + 75, 826 + 75), 7.5e17) = divWad(770255271920088790, 7.5e17)
    // = 1027007029226785053, so its withdrawable goes 619 → floor(floor(901·k/1e18)·0.75) = floor(925·0.75) = 693:
    // the deposit adds 74 + 25 = 99 to NAV (one unit lost to rounding), and mints floor(99·1101/894) = 121
    // (minting on the 100 paid would give 123 and dilute alice and bob).
    const c = l.ok({ type: 'depositLrt', lrt: 'L', account: 'carol', amount: '100' });
    assert.deepEqual([c.added, c.minted], ['99', '121']);
    assert.equal(nav(l), 993n);
    assert.ok(993n * 1101n >= 894n * (1101n + 121n)); // NAV per token did not fall
  });

  it('redeem burns, queues pro-rata withdrawals that stay slashable, and pays after the delay', () => {
    const l = oneLayer();
    l.ok({ type: 'depositLrt', lrt: 'L', account: 'alice', amount: '1000' });
    l.ok({ type: 'depositLrt', lrt: 'L', account: 'bob', amount: '101' });
    l.ok({ type: 'allocate', operator: 'opA', set: 's1', vault: 'v1', magnitude: '0.5' });
    l.ok({ type: 'slash', set: 's1', operator: 'opA', vault: 'v1', wad: '0.5' }); // NAV 894, supply 1101
    l.fails({ type: 'redeemLrt', lrt: 'L', account: 'alice', tokens: '1001' }, 'INSUFFICIENT_LRT_TOKENS');
    l.fails({ type: 'redeemLrt', lrt: 'L', account: 'alice', tokens: '1' }, 'LRT_REDEEM_ZERO'); // floor(826/1101) = 0, floor(275/1101) = 0
    // 500 tokens: floor(826·500/1101) = 375 and floor(275·500/1101) = 124 deposit shares queued
    const r = l.ok({ type: 'redeemLrt', lrt: 'L', account: 'alice', tokens: '500' });
    assert.equal(r.redemption, 'r1');
    const [w1, w2] = r.withdrawals as string[];
    const v = l.view();
    assert.equal(v.withdrawals[w1 as string].scaledShares, '375');
    assert.equal(v.withdrawals[w1 as string].expectedShares, '281'); // floor(375·0.75)
    assert.equal(v.withdrawals[w2 as string].expectedShares, '124');
    // remaining: opA floor(451·0.75) = 338, opB 151 → NAV 489, supply 601; NAV per token did not fall
    assert.equal(nav(l), 489n);
    assert.equal(lrtView(l).supply, '601');
    assert.ok(489n * 1101n >= 894n * 601n);
    // a second slash inside the delay reaches the queued withdrawal: current 2.5e17 → slashedMag 1.25e17,
    // maxMagnitude 6.25e17, so the withdrawal pays floor(375·0.625) = 234 instead of 281
    l.ok({ type: 'advance', blocks: 5 });
    l.ok({ type: 'slash', set: 's1', operator: 'opA', vault: 'v1', wad: '0.5' });
    l.fails({ type: 'completeLrtRedemption', account: 'alice', redemption: 'r1' }, 'WITHDRAWAL_DELAY_NOT_ELAPSED');
    l.fails({ type: 'completeLrtRedemption', account: 'bob', redemption: 'r1' }, 'NOT_REDEMPTION_OWNER');
    l.ok({ type: 'advance', blocks: 6 });
    // v1 share price still 1 ((826+1000)/(826+1000)): 234 + 124 = 358
    assert.deepEqual(l.ok({ type: 'completeLrtRedemption', account: 'alice', redemption: 'r1' }), { amount: '358', asset: 'stETH' });
    assert.equal(l.view().accounts.alice.stETH, '358');
    l.fails({ type: 'completeLrtRedemption', account: 'alice', redemption: 'r1' }, 'REDEMPTION_COMPLETED');
  });

  it('redeeming the whole supply empties the LRT; parts too small for a share stay idle', () => {
    const l = oneLayer();
    l.ok({ type: 'depositLrt', lrt: 'L', account: 'alice', amount: '4' }); // 3 → v1, 1 → v2
    // accrue yield so v2's share price is (1+999+1000)/(1+1000) ≈ 1.998: a 1-unit part buys floor(1·1001/2000) = 0 shares
    l.ok({ type: 'accrueYield', vault: 'v2', amount: '999' });
    // NAV = 3 + floor(1·2000/1001) = 3 + 1 = 4 → mint floor(4·4/4) = 4; parts 3 (v1) and 1 (idle)
    const r = l.ok({ type: 'depositLrt', lrt: 'L', account: 'bob', amount: '4' });
    assert.deepEqual([r.minted, r.idle], ['4', '1']);
    assert.equal(lrtView(l).idle, '1');
    // bob redeems 4 of 8: floor(6·4/8) = 3 v1 shares, floor(1·4/8) = 0 v2 shares, floor(1·4/8) = 0 idle
    l.ok({ type: 'redeemLrt', lrt: 'L', account: 'bob', tokens: '4' });
    // alice redeems the rest: all 3 v1 shares, the 1 v2 share and the idle unit
    const a = l.ok({ type: 'redeemLrt', lrt: 'L', account: 'alice', tokens: '4' });
    assert.equal((a.withdrawals as string[]).length, 2);
    assert.equal(lrtView(l).supply, '0');
    assert.equal(lrtView(l).idle, '0');
    assert.equal(nav(l), 0n);
    l.ok({ type: 'advance', blocks: 11 });
    // v1: 3 shares at 1; v2: floor(1·2000/1001) = 1; + 1 idle = 5
    assert.equal(l.ok({ type: 'completeLrtRedemption', account: 'alice', redemption: a.redemption as string }).amount, '5');
  });

  it('validates createLrt and depositLrt', () => {
    const l = oneLayer();
    const base = { type: 'createLrt', asset: 'stETH', manager: 'm', operators: [{ operator: 'opA', vault: 'v1', weight: 1 }] };
    l.fails({ ...base, lrt: 'L', token: 'X' }, 'LRT_EXISTS');
    l.fails({ ...base, lrt: 'M', token: 'stETH' }, 'LRT_TOKEN_EXISTS');
    l.fails(
      {
        ...base,
        lrt: 'M',
        token: 'X',
        operators: [
          { operator: 'opA', vault: 'v1', weight: 1 },
          { operator: 'opA', vault: 'v1', weight: 2 },
        ],
      },
      'LRT_BAD_TARGETS',
    );
    l.fails({ ...base, lrt: 'M', token: 'X', operators: [{ operator: 'opA', vault: 'v1', weight: 0 }] }, 'NUMBER_OUT_OF_RANGE');
    l.fails({ ...base, lrt: 'M', token: 'X', operators: [] }, 'BAD_FIELD');
    l.fails({ ...base, lrt: 'M', token: 'X', operators: [{ operator: 'nobody', vault: 'v1', weight: 1 }] }, 'UNKNOWN_OPERATOR');
    l.ok({ type: 'registerAsset', asset: 'USDC', decimals: 6, price: '1' });
    l.ok({ type: 'createVault', vault: 'vu', asset: 'USDC' });
    l.fails({ ...base, lrt: 'M', token: 'X', operators: [{ operator: 'opA', vault: 'vu', weight: 1 }] }, 'LRT_BAD_TARGETS');
    l.fails({ type: 'depositLrt', lrt: 'nope', account: 'a', amount: '1' }, 'UNKNOWN_LRT');
    l.fails({ type: 'depositLrt', lrt: 'L', account: 'a', amount: '0' }, 'ZERO_AMOUNT');
    l.fails({ type: 'depositLrtTokens', staker: 'a', vault: 'v1', amount: '1' }, 'NOT_LRT_TOKEN');
    // a staker id in use blocks the internal staker
    l.ok({ type: 'deposit', staker: 'lrt:M:opA', vault: 'v1', amount: '5' });
    l.fails({ ...base, lrt: 'M', token: 'X' }, 'LRT_STAKER_EXISTS');
  });

  it('deposits skip targets whose operator is fully slashed; all dead fails FULLY_SLASHED', () => {
    const l = oneLayer();
    l.ok({ type: 'depositLrt', lrt: 'L', account: 'alice', amount: '1000' });
    l.ok({ type: 'allocate', operator: 'opA', set: 's1', vault: 'v1', magnitude: '1/1' });
    l.ok({ type: 'slash', set: 's1', operator: 'opA', vault: 'v1', wad: '1/1' }); // opA/v1 maxMagnitude 0
    assert.equal(nav(l), 250n); // only opB's 250 left
    // 250 → all to opB/v2, minted floor(250·1000/250) = 1000
    assert.equal(l.ok({ type: 'depositLrt', lrt: 'L', account: 'bob', amount: '250' }).minted, '1000');
    assert.equal(l.staker('lrt:L:opB', 'v2').depositShares, '500');
    l.ok({ type: 'allocate', operator: 'opB', set: 's1', vault: 'v2', magnitude: '1/1' });
    l.ok({ type: 'slash', set: 's1', operator: 'opB', vault: 'v2', wad: '1/1' });
    l.fails({ type: 'depositLrt', lrt: 'L', account: 'bob', amount: '10' }, 'LRT_NAV_ZERO');
  });
});
