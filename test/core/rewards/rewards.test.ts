// Rewards and commission (SPEC §3.6). Every expected number is derived in the comment next to it:
// parts = floor(amount × value / Σ value), commission = floor(part × bips / 10 000),
// acc += ceil(stakerPart × 1e120 / Σ weight), staker gets floor(weight × Δacc / 1e120).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { baseLedger, WAD, type TestLedger } from '../harness.js';

function twoStakers(): TestLedger {
  const l = baseLedger();
  l.all([
    { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' }, // 1000 shares
    { type: 'deposit', staker: 'bob', vault: 'v', amount: '3000' }, // 3000·2000/2000 = 3000 shares
    { type: 'delegate', staker: 'alice', operator: 'op' },
    { type: 'delegate', staker: 'bob', operator: 'op' },
    { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
  ]);
  return l;
}

const claimable = (l: TestLedger, who: string, asset = 'stETH'): string => l.view().rewards.stakers[who]?.[asset] ?? '0';

describe('rewards: submitRewards / claimRewards', () => {
  it('one operator: 10% commission, stakers pro rata to withdrawable shares, exact claims', () => {
    const l = twoStakers();
    const out = l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '1000', from: 'svc-treasury' });
    // one pair (op, v): part 1000, commission floor(1000·1000/10000) = 100, stakers 900
    assert.deepEqual(out, { submission: 'reward-1', dust: '0', operators: ['op/v:1000:100'] });
    // Δacc = 900e120/4000 = 225e117 (exact): alice 1000·0.225 = 225, bob 3000·0.225 = 675
    assert.equal(claimable(l, 'alice'), '225');
    assert.equal(claimable(l, 'bob'), '675');
    assert.equal(l.view().rewards.operators.op.stETH, '100');
    assert.equal(l.view().rewards.submissions['reward-1'].from, 'svc-treasury');
    assert.deepEqual(l.ok({ type: 'claimRewards', staker: 'alice', asset: 'stETH' }), { amount: '225' });
    assert.deepEqual(l.ok({ type: 'claimRewards', operator: 'op', asset: 'stETH' }), { amount: '100' });
    l.fails({ type: 'claimRewards', staker: 'alice', asset: 'stETH' }, 'NOTHING_TO_CLAIM');
    l.fails({ type: 'claimRewards', operator: 'op', asset: 'stETH' }, 'NOTHING_TO_CLAIM');
    assert.equal(l.view().accounts.alice.stETH, '225');
    assert.equal(l.view().accounts.op.stETH, '100');
    assert.deepEqual(l.view().rewards.totals.stETH, {
      submitted: '1000',
      claimed: '325',
      claimableByStakers: '675',
      unclaimedCommission: '0',
      dust: '0',
      roundingResidue: '0',
    });
  });

  it('after a 50% slash the weights stay proportional to withdrawable shares', () => {
    const l = twoStakers();
    l.ok({ type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '0.5' });
    assert.equal(l.staker('alice').withdrawableShares, '500');
    assert.equal(l.staker('bob').withdrawableShares, '1500');
    // slashable = mulWad(2000, divWad(5e17, 5e17)) = 2000; split as before: 225 / 675
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '1000' });
    assert.equal(claimable(l, 'alice'), '225');
    assert.equal(claimable(l, 'bob'), '675');
  });

  it('two operators: pro rata to slashable value, apportionment dust, per-operator commission', () => {
    const l = twoStakers();
    l.all([
      { type: 'registerOperator', operator: 'op2', commissionBips: 2000 },
      { type: 'registerForOperatorSet', operator: 'op2', set: 's' },
      { type: 'deposit', staker: 'carol', vault: 'v', amount: '1000' }, // 1000·5000/5000 = 1000 shares
      { type: 'delegate', staker: 'carol', operator: 'op2' },
      { type: 'allocate', operator: 'op2', set: 's', vault: 'v', magnitude: '0.5' }, // slashable 500
    ]);
    const out = l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '1001' });
    // op: floor(1001·4000/4500) = 889, op2: floor(1001·500/4500) = 111, dust 1001 − 1000 = 1
    // commissions floor(88.9) = 88 and floor(111·0.2) = 22
    assert.deepEqual(out, { submission: 'reward-1', dust: '1', operators: ['op/v:889:88', 'op2/v:111:22'] });
    // op stakers 801: Δacc = 801e120/4000 = 200.25e117 → alice floor(200.25) = 200, bob floor(600.75) = 600
    assert.equal(claimable(l, 'alice'), '200');
    assert.equal(claimable(l, 'bob'), '600');
    assert.equal(claimable(l, 'carol'), '89'); // 111 − 22, sole staker of op2
    // 1001 = 200 + 600 + 89 + 88 + 22 + dust 1 + residue 1 (0.25 + 0.75)
    assert.deepEqual(l.view().rewards.totals.stETH, {
      submitted: '1001',
      claimed: '0',
      claimableByStakers: '889',
      unclaimedCommission: '110',
      dust: '1',
      roundingResidue: '1',
    });
  });

  it('stake that joins later earns only later rewards; withdrawn stake stops earning (hooks)', () => {
    const l = twoStakers();
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '1000' }); // 225 / 675
    l.ok({ type: 'deposit', staker: 'alice', vault: 'v', amount: '2000' }); // 2000 shares → alice weight 3000
    l.ok({ type: 'queueWithdrawal', staker: 'bob', vault: 'v', shares: '2000' }); // bob weight 1000
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '1000' });
    // slashable now 3000 + 1000 = 4000: stakers 900, Δacc = 225e117 → alice +675, bob +225
    assert.equal(claimable(l, 'alice'), '900');
    assert.equal(claimable(l, 'bob'), '900');
    l.ok({ type: 'deposit', staker: 'dave', vault: 'v', amount: '4000' });
    l.ok({ type: 'delegate', staker: 'dave', operator: 'op' });
    l.ok({ type: 'undelegate', staker: 'bob' });
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '2000' });
    // weights alice 3000, dave 4000 (bob left): stakers 1800, Δacc = ceil(1800e120/7000) → alice floor(771.43) = 771, dave floor(1028.57) = 1028
    assert.equal(claimable(l, 'alice'), '1671');
    assert.equal(claimable(l, 'bob'), '900');
    assert.equal(claimable(l, 'dave'), '1028');
  });

  it('stake behind a nearly fully slashed operator has huge weights and still gets its exact share', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
      { type: 'slash', set: 's', operator: 'op', vault: 'v', wad: '999999999999999000' }, // maxMagnitude 1000 wei
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '1000000000000000000000000' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
    ]);
    // bob: k = divWad(1e18, 1000) = 1e33, weight mulWad(1e24, 1e33) = 1e39; alice weight 1000, withdrawable 0
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '1000000' });
    // stakers 900000: bob's exact share 900000·1e39/(1e39 + 1000) = 899999.99… → 899999
    // (a 1e36 accumulator scale would give floor(9e41/(1e39+1000)) = 899 per 1e36 → 899000)
    assert.equal(claimable(l, 'bob'), '899999');
    assert.equal(claimable(l, 'alice'), '0');
  });

  // Issue 15: a whole-unit share is paid exactly. The accumulator used to round its increment down,
  // so unless Σ weight divided stakerPart × scale every staker fell one unit short.
  it('a sole staker owed exactly 400,000,000 units gets 400,000,000', () => {
    const l = baseLedger();
    l.all([
      { type: 'registerOperator', operator: 'solo', commissionBips: 0 },
      { type: 'registerForOperatorSet', operator: 'solo', set: 's' },
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '3000000000000000000' }, // 3e18 shares, weight 3e18
      { type: 'delegate', staker: 'alice', operator: 'solo' },
      { type: 'allocate', operator: 'solo', set: 's', vault: 'v', magnitude: WAD },
    ]);
    const out = l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '400000000' });
    assert.deepEqual(out.operators, ['solo/v:400000000:0']);
    // Δacc = ceil(4e8 · 1e120 / 3e18) = (4e110 + 2) / 3 (4e110 ≡ 1 mod 3); alice floor(3e18 · Δacc / 1e120)
    // = floor(4e8 + 2e18/1e120) = 400,000,000. Rounding down gave (4e110 − 1)/3 and floor(4e8 − 1e18/1e120)
    // = 399,999,999.
    assert.equal(claimable(l, 'alice'), '400000000');
    assert.deepEqual(l.ok({ type: 'claimRewards', staker: 'alice', asset: 'stETH' }), { amount: '400000000' });
    assert.equal(l.view().rewards.totals.stETH.roundingResidue, '0');
  });

  it('two equal stakers owed 112,500,000 each get exactly that; a third of a unit still rounds down', () => {
    const l = baseLedger();
    l.all([
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000000007' }, // weight 1,000,000,007 (a prime)
      { type: 'deposit', staker: 'bob', vault: 'v', amount: '1000000007' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 's', vault: 'v', magnitude: WAD },
    ]);
    // part 250,000,000, commission 10% = 25,000,000, stakers 225,000,000 over W = 2·1,000,000,007:
    // Δacc = ceil(225e6 · 1e120 / W) ≥ exact, each gets floor(1,000,000,007 · Δacc / 1e120) =
    // floor(112,500,000 + less than 1,000,000,007/1e120) = 112,500,000 (rounding down: 112,499,999)
    assert.deepEqual(l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '250000000' }).operators, [
      'op/v:250000000:25000000',
    ]);
    assert.equal(claimable(l, 'alice'), '112500000');
    assert.equal(claimable(l, 'bob'), '112500000');
    // carol joins with the same weight: 3 equal weights share 10 (amount 11, commission floor(1.1) = 1):
    // exact 10/3 = 3.33… each → 3 (a true fraction rounds down); 1 unit stays as residue
    l.all([
      { type: 'deposit', staker: 'carol', vault: 'v', amount: '1000000007' },
      { type: 'delegate', staker: 'carol', operator: 'op' },
    ]);
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '11' });
    assert.equal(claimable(l, 'alice'), '112500003');
    assert.equal(claimable(l, 'carol'), '3');
    assert.equal(l.view().rewards.totals.stETH.roundingResidue, '1');
  });

  it('vaults of one set are weighted by value: price × assets', () => {
    const l = baseLedger();
    l.all([
      { type: 'registerAsset', asset: 'EIGEN', decimals: 18, price: '0.5' },
      { type: 'createVault', vault: 'v2', asset: 'EIGEN' },
      { type: 'createOperatorSet', service: 'svc', set: 'two', vaults: ['v', 'v2'] },
      { type: 'registerForOperatorSet', operator: 'op', set: 'two' },
      { type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' },
      { type: 'deposit', staker: 'bob', vault: 'v2', amount: '1000' },
      { type: 'delegate', staker: 'alice', operator: 'op' },
      { type: 'delegate', staker: 'bob', operator: 'op' },
      { type: 'allocate', operator: 'op', set: 'two', vault: 'v', magnitude: WAD },
      { type: 'allocate', operator: 'op', set: 'two', vault: 'v2', magnitude: WAD },
    ]);
    // values 1000·1 and 1000·0.5 (per 1e18): parts floor(3000·2/3) = 2000 and 1000; commission 200 and 100
    const out = l.ok({ type: 'submitRewards', service: 'svc', set: 'two', asset: 'stETH', amount: '3000' });
    assert.deepEqual(out.operators, ['op/v:2000:200', 'op/v2:1000:100']);
    assert.equal(claimable(l, 'alice'), '1800');
    assert.equal(claimable(l, 'bob'), '900');
  });

  it('a deregistered operator earns nothing; owed rewards survive undelegation and redelegation', () => {
    const l = twoStakers();
    l.all([
      { type: 'registerOperator', operator: 'op2', commissionBips: 0 },
      { type: 'registerForOperatorSet', operator: 'op2', set: 's' },
      { type: 'deposit', staker: 'carol', vault: 'v', amount: '4000' }, // 4000 shares
      { type: 'delegate', staker: 'carol', operator: 'op2' },
      { type: 'allocate', operator: 'op2', set: 's', vault: 'v', magnitude: WAD },
    ]);
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '2000' });
    // op 1000 (commission 100; alice 225, bob 675), op2 1000 (no commission; carol 1000)
    assert.equal(claimable(l, 'carol'), '1000');
    l.ok({ type: 'deregisterFromOperatorSet', operator: 'op2', set: 's' });
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '1000' }); // all to op: alice +225, bob +675
    assert.equal(claimable(l, 'carol'), '1000');
    assert.equal(claimable(l, 'alice'), '450');
    l.ok({ type: 'undelegate', staker: 'alice' });
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '1000' }); // bob alone: +900
    assert.equal(claimable(l, 'alice'), '450');
    assert.equal(claimable(l, 'bob'), '2250');
    l.ok({ type: 'deposit', staker: 'alice', vault: 'v', amount: '1000' });
    l.ok({ type: 'delegate', staker: 'alice', operator: 'op' });
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'stETH', amount: '1000' });
    // alice's new 1000 shares (1000·9000/9000) weigh 1000 next to bob's 3000: 900 → +225, +675
    assert.equal(claimable(l, 'alice'), '675');
    assert.equal(claimable(l, 'bob'), '2925');
    assert.deepEqual(l.ok({ type: 'claimRewards', staker: 'alice', asset: 'stETH' }), { amount: '675' });
  });

  it('rewards in several assets; a set of another service and an empty set are refused', () => {
    const l = twoStakers();
    l.ok({ type: 'registerAsset', asset: 'USDC', decimals: 6, price: '1' });
    l.ok({ type: 'submitRewards', service: 'svc', set: 's', asset: 'USDC', amount: '1000000' });
    // commission 100000, stakers 900000 → alice 225000, bob 675000
    assert.equal(claimable(l, 'alice', 'USDC'), '225000');
    assert.equal(claimable(l, 'bob', 'USDC'), '675000');
    l.ok({ type: 'createService', service: 'other' });
    l.fails({ type: 'submitRewards', service: 'other', set: 's', asset: 'USDC', amount: '1' }, 'SET_NOT_OF_SERVICE');
    l.ok({ type: 'createOperatorSet', service: 'svc', set: 'empty', vaults: ['v'] });
    l.fails({ type: 'submitRewards', service: 'svc', set: 'empty', asset: 'USDC', amount: '1' }, 'NO_REWARD_STAKE');
    l.fails({ type: 'submitRewards', service: 'svc', set: 's', asset: 'USDC', amount: '0' }, 'ZERO_AMOUNT');
    l.fails({ type: 'claimRewards', staker: 'alice', operator: 'op', asset: 'USDC' }, 'BAD_FIELD');
    l.fails({ type: 'submitRewards', service: 'svc', set: 's', asset: 'USDC', amount: '5', submission: 'reward-1' }, 'SUBMISSION_EXISTS');
  });
});
