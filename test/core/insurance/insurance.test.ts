// Insurance pools (SPEC §3.7). Expected numbers are derived in the comments: loss = drop of the
// buyer's withdrawable shares → assetsForShares (down) × price → pool asset (down);
// claim = min(cover remaining, loss); an insolvent slash pays floor(claim × assets / Σ claims).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseLedger, WAD, type TestLedger } from '../harness.js';

function covered(opts: { slashingMode?: 'instant' | 'veto' } = {}): TestLedger {
  const l = baseLedger(opts);
  l.all([
    { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' }, // 1000 shares
    { type: 'deposit', staker: 'bob', vault: 'v', amount: '3000' }, // 3000 shares
    { type: 'delegate', staker: 'alice', operator: 'op' },
    { type: 'delegate', staker: 'bob', operator: 'op' },
    { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
    { type: 'createInsurancePool', pool: 'p', asset: 'stETH', withdrawalDelayBlocks: 5 },
    { type: 'underwrite', pool: 'p', underwriter: 'uw1', amount: '1000' },
  ]);
  return l;
}
const pool = (l: TestLedger, id = 'p'): Record<string, string> => l.view().insurance.pools[id];
const cover = (l: TestLedger, id: string): Record<string, string> => l.view().insurance.covers[id];

describe('insurance: pools, cover, claims on slashes', () => {
  it('a covered slash pays min(cover, loss) from the pool; premiums go to the pool', () => {
    const l = covered();
    assert.equal(pool(l).totalShares, '1000'); // first underwriting: shares = amount
    assert.deepEqual(
      l.ok({ type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '300', periodBlocks: 100, premium: '10' }),
      { cover: 'cover-1', endBlock: 99 },
    );
    assert.equal(pool(l).assets, '1010');
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' });
    // alice: withdrawable 1000 → 500, drop 500 shares = 500·2000/2000 = 500 stETH; claim min(300, 500)
    assert.deepEqual(l.view().insurance.claims['claim-1'], { cover: 'cover-1', block: 0, loss: '500', claimed: '300', paid: '300' });
    assert.equal(l.view().accounts.alice.stETH, '300');
    assert.equal(pool(l).assets, '710');
    assert.equal(cover(l, 'cover-1').remaining, '0');
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' });
    assert.equal(Object.keys(l.view().insurance.claims).length, 1); // nothing left to claim
  });

  it('cover is consumed over several slashes; loss caps each claim', () => {
    const l = covered();
    l.ok({ type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '800', periodBlocks: 100, premium: '0' });
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.25' }); // 1000 → 750: claim 250
    // slashedMag = ceil(0.75·0.5) = 0.375 → max 0.375: 750 → 375, claim min(550, 375) = 375
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' });
    assert.deepEqual(
      Object.values(l.view().insurance.claims).map((c: any) => c.paid),
      ['250', '375'],
    ); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(cover(l, 'cover-1').remaining, '175');
    assert.equal(l.view().accounts.alice.stETH, '625');
  });

  it('a leveraged pool becomes insolvent and pays the claims of one slash pro rata', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '3000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
      { type: 'createInsurancePool', pool: 'lev', asset: 'stETH', capacityRatio: '2' },
      { type: 'underwrite', pool: 'lev', underwriter: 'uw1', amount: '100' },
      { type: 'buyCover', pool: 'lev', buyer: 'alice', operator: 'op', set: 's', amount: '120', periodBlocks: 10, premium: '1' },
    ]);
    // capacity floor(101·2) = 202 ≥ 120 + 80 − 0
    l.ok({ type: 'buyCover', pool: 'lev', buyer: 'bob', operator: 'op', set: 's', amount: '80', periodBlocks: 10, premium: '1' });
    l.fails(
      { type: 'buyCover', pool: 'lev', buyer: 'bob', operator: 'op', set: 's', amount: '5', periodBlocks: 10, premium: '0' },
      'POOL_CAPACITY_EXCEEDED',
    );
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' });
    // claims 120 (loss 500) and 80 (loss 1500), Σ 200 > assets 102: floor(120·102/200) = 61, floor(80·102/200) = 40
    const claims = Object.values(l.view().insurance.claims) as { claimed: string; paid: string }[];
    assert.deepEqual(
      claims.map((c) => [c.claimed, c.paid]),
      [
        ['120', '61'],
        ['80', '40'],
      ],
    );
    assert.equal(pool(l, 'lev').assets, '1'); // the pro-rata dust stays in the pool
    assert.equal(pool(l, 'lev').claimsPaid, '101');
  });

  it('loss is valued across assets: stETH position, USDC pool', () => {
    const l = baseLedger();
    l.all([
      { type: 'registerAsset', asset: 'USDC', decimals: 6, price: '1' },
      { type: 'setPrice', asset: 'stETH', price: '3000' },
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000000000000000000' }, // 1 stETH
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
      { type: 'createInsurancePool', pool: 'u', asset: 'USDC' },
      { type: 'underwrite', pool: 'u', underwriter: 'uw', amount: '5000000000' }, // 5000 USDC
      { type: 'buyCover', pool: 'u', buyer: 'alice', operator: 'op', set: 's', amount: '1000000000', periodBlocks: 50, premium: '2000000' },
      { type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.1' },
    ]);
    // drop 1e17 shares = 0.1 stETH = 300 USD = 300e6 USDC units
    assert.equal(l.view().insurance.claims['claim-1'].paid, '300000000');
    assert.equal(l.view().accounts.alice.USDC, '300000000');
    assert.equal(pool(l, 'u').assets, '4702000000');
  });

  it('veto-mode slashes claim when executed; expired and uncovered slashes do not', () => {
    const l = covered({ slashingMode: 'veto' });
    l.ok({ type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '100', periodBlocks: 20, premium: '0' });
    const req = l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }).request as string;
    assert.equal(Object.keys(l.view().insurance.claims).length, 0); // a request is not a loss
    l.ok({ type: 'advance', blocks: 6 });
    l.ok({ type: 'executeSlash', request: req });
    assert.equal(l.view().insurance.claims['claim-1'].paid, '100');
    const l2 = covered();
    l2.ok({ type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '100', periodBlocks: 3, premium: '0' });
    l2.ok({ type: 'advance', blocks: 3 }); // covered blocks 0..2
    l2.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' });
    assert.equal(Object.keys(l2.view().insurance.claims).length, 0);
  });

  it('underwriter withdrawals wait, bear claims meanwhile, and respect capacity', () => {
    const l = covered();
    l.ok({ type: 'underwrite', pool: 'p', underwriter: 'uw2', amount: '1000' }); // 1000·1000/1000 = 1000 shares
    l.ok({ type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '500', periodBlocks: 100, premium: '100' }); // assets 2100
    l.fails({ type: 'requestUnderwriterWithdrawal', pool: 'p', underwriter: 'uw2', shares: '1001' }, 'INSUFFICIENT_POOL_SHARES');
    // leaving 2000 shares would leave capacity 0 < active 500
    l.ok({ type: 'requestUnderwriterWithdrawal', pool: 'p', underwriter: 'uw2', shares: '1000' }); // capacity left 2100·1000/2000 = 1050
    l.fails({ type: 'requestUnderwriterWithdrawal', pool: 'p', underwriter: 'uw1', shares: '600' }, 'POOL_CAPACITY_EXCEEDED'); // 2100·400/2000 = 420 < 500
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }); // claim 500: assets 1600
    l.fails({ type: 'completeUnderwriterWithdrawal', underwriter: 'uw2', withdrawal: 'uw-1' }, 'WITHDRAWAL_DELAY_NOT_ELAPSED');
    l.ok({ type: 'advance', blocks: 6 });
    l.fails({ type: 'completeUnderwriterWithdrawal', underwriter: 'uw1', withdrawal: 'uw-1' }, 'NOT_WITHDRAWAL_OWNER');
    assert.deepEqual(l.ok({ type: 'completeUnderwriterWithdrawal', underwriter: 'uw2', withdrawal: 'uw-1' }), { amount: '800' }); // 1000·1600/2000
    assert.equal(l.view().accounts.uw2.stETH, '800');
    assert.equal(pool(l).assets, '800');
    assert.equal(pool(l).totalShares, '1000');
    l.fails({ type: 'completeUnderwriterWithdrawal', underwriter: 'uw2', withdrawal: 'uw-1' }, 'WITHDRAWAL_COMPLETED');
  });

  it('expired covers free capacity and leave the lists walked by checks and slashes', () => {
    const l = covered();
    l.ok({ type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '900', periodBlocks: 2, premium: '0' });
    l.fails(
      { type: 'buyCover', pool: 'p', buyer: 'bob', operator: 'op', set: 's', amount: '200', periodBlocks: 2, premium: '0' },
      'POOL_CAPACITY_EXCEEDED',
    );
    l.ok({ type: 'advance', blocks: 2 }); // cover-1 covered blocks 0..1
    assert.equal(pool(l).activeCover, '0');
    l.ok({ type: 'buyCover', pool: 'p', buyer: 'bob', operator: 'op', set: 's', amount: '200', periodBlocks: 2, premium: '0' });
    assert.deepEqual(l.state.insurance.pools.get('p')?.covers, ['cover-2']);
    assert.deepEqual(l.state.insurance.coversByTarget.get('op\u0000s'), ['cover-2']);
    assert.equal(cover(l, 'cover-1').remaining, '900'); // the record stays
  });

  it('a buyer with two covers on the same target never claims the same loss twice', () => {
    const l = covered();
    l.all([
      { type: 'createInsurancePool', pool: 'q', asset: 'stETH' },
      { type: 'underwrite', pool: 'q', underwriter: 'uw2', amount: '1000' },
      { type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '300', periodBlocks: 10, premium: '0' },
      { type: 'buyCover', pool: 'q', buyer: 'alice', operator: 'op', set: 's', amount: '300', periodBlocks: 10, premium: '0' },
      { type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }, // alice loses 500
    ]);
    // cover-1 claims min(300, 500) = 300, cover-2 min(300, 500 − 300) = 200
    const claims = Object.values(l.view().insurance.claims) as { cover: string; loss: string; claimed: string }[];
    assert.deepEqual(
      claims.map((c) => [c.cover, c.loss, c.claimed]),
      [
        ['cover-1', '500', '300'],
        ['cover-2', '200', '200'],
      ],
    );
    assert.equal(l.view().accounts.alice.stETH, '500');
  });

  it('only the covered set counts: a slash by another set of the same operator pays nothing', () => {
    const l = baseLedger({ sets: ['s', 't'], mode: 'elastic' });
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
      { type: 'allocate', operator: 'op', set: 't', vault: 'v', magnitude: WAD },
      { type: 'createInsurancePool', pool: 'p', asset: 'stETH' },
      { type: 'underwrite', pool: 'p', underwriter: 'uw', amount: '1000' },
      { type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '1000', periodBlocks: 10, premium: '0' },
      { type: 'slash', set: 't', operator: 'op', vault: 'v', wad: '0.5' },
    ]);
    assert.equal(Object.keys(l.view().insurance.claims).length, 0);
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }); // elastic: s clamped to 0.5, slashes 0.25 → 500 → 250
    assert.equal(l.view().insurance.claims['claim-1'].claimed, '250');
  });

  // Issue 15 / SPEC §3.7: the claim counts the buyer's whole loss, queued withdrawals included.
  // covered(): alice 1000 and bob 3000 shares (1 share = 1 stETH), delegated to op, allocated WAD to s;
  // withdrawal delay 10; pool p holds 1000 stETH.
  it('a still-slashable queued withdrawal counts in the loss; one past its window does not', () => {
    const l = covered();
    l.ok({ type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '800', periodBlocks: 100, premium: '0' });
    // alice queues 400 of her 1000 deposit shares at block 0: q = mulWad(400, WAD) = 400; 600 stay delegated
    assert.equal(l.ok({ type: 'queueWithdrawal', staker: 'alice', vault: 'v', shares: '400' }).withdrawal, 'w1');
    l.ok({ type: 'queueWithdrawal', staker: 'bob', vault: 'v', shares: '1000' }); // not alice's: not her loss
    l.ok({ type: 'advance', blocks: 10 }); // block 10 = 0 + withdrawalDelayBlocks: still slashable (inclusive)
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' }); // max 1 → 0.5
    // delegated 600 → 300 (drop 300) + withdrawal mulWad(400, 1) − mulWad(400, 0.5) = 200: loss 500
    // (the delegated position alone, as before issue 15, claimed 300); claim min(800, 500) = 500
    assert.deepEqual(l.view().insurance.claims['claim-1'], { cover: 'cover-1', block: 10, loss: '500', claimed: '500', paid: '500' });
    l.ok({ type: 'advance', blocks: 1 });
    assert.deepEqual(l.ok({ type: 'completeWithdrawal', staker: 'alice', withdrawal: 'w1' }), { shares: '200', amount: '200' });
    // alice made whole: 300 delegated + 200 withdrawn + 500 claimed = her 1000
    assert.equal(l.staker('alice').withdrawableShares, '300');
    assert.equal(l.view().accounts.alice.stETH, '700');
    // block 11: a new withdrawal of 100 deposit shares (k = 1: q = 100, worth mulWad(100, 0.5) = 50);
    // its window closes after block 21. A slash at 22 by 0.5 of s's current 0.5: slashedMag 0.25 → max
    // 0.25; the 500 delegated deposit shares drop mulWad(500, 0.5) − mulWad(500, 0.25) = 250 − 125 = 125;
    // loss 125 (counting the closed withdrawal would add 50 − 25 = 25)
    l.ok({ type: 'queueWithdrawal', staker: 'alice', vault: 'v', shares: '100' });
    l.ok({ type: 'advance', blocks: 11 });
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' });
    assert.deepEqual(l.view().insurance.claims['claim-2'], { cover: 'cover-1', block: 22, loss: '125', claimed: '125', paid: '125' });
  });

  it('an undelegated buyer whose whole position waits in the queue claims its loss', () => {
    const l = covered();
    l.ok({ type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '800', periodBlocks: 100, premium: '0' });
    // undelegate queues all 1000 (q = 1000) from op; alice is delegated to nobody
    assert.deepEqual(l.ok({ type: 'undelegate', staker: 'alice' }).withdrawals, ['w1']);
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.25' });
    // withdrawal mulWad(1000, 1) − mulWad(1000, 0.75) = 250 (before issue 15: no claim at all)
    assert.deepEqual(l.view().insurance.claims['claim-1'], { cover: 'cover-1', block: 0, loss: '250', claimed: '250', paid: '250' });
  });

  it('bad input is refused without changing the state', () => {
    const l = covered();
    l.fails({ type: 'createInsurancePool', pool: 'p', asset: 'stETH' }, 'POOL_EXISTS');
    l.fails({ type: 'createInsurancePool', pool: 'q', asset: 'nope' }, 'UNKNOWN_ASSET');
    l.fails({ type: 'createInsurancePool', pool: 'q', asset: 'stETH', capacityRatio: '0' }, 'NUMBER_OUT_OF_RANGE');
    l.fails({ type: 'underwrite', pool: 'zz', underwriter: 'u', amount: '1' }, 'UNKNOWN_POOL');
    l.fails({ type: 'underwrite', pool: 'p', underwriter: 'u', amount: '0' }, 'ZERO_AMOUNT');
    l.fails(
      { type: 'buyCover', pool: 'p', buyer: 'nobody', operator: 'op', set: 's', amount: '1', periodBlocks: 1, premium: '0' },
      'UNKNOWN_STAKER',
    );
    l.fails(
      { type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '1', periodBlocks: 0, premium: '0' },
      'NUMBER_OUT_OF_RANGE',
    );
    l.fails(
      { type: 'buyCover', pool: 'p', buyer: 'alice', operator: 'op', set: 's', amount: '1001', periodBlocks: 1, premium: '0' },
      'POOL_CAPACITY_EXCEEDED',
    );
    l.fails({ type: 'completeUnderwriterWithdrawal', underwriter: 'uw1', withdrawal: 'x' }, 'UNKNOWN_UNDERWRITER_WITHDRAWAL');
  });
});
