// Random rewards and insurance commands over the ledger arbitrary's universe. Kept out of the
// test file so the ledger's own property test can import it without running these tests.
import fc from 'fast-check';
import type { Cmd } from '../harness.js';
import { commandArb, universe } from '../ledgerArbitrary.js';

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 5000n }), fc.bigInt({ min: 0n, max: 10n ** 22n })).map(String);
const pools = ['p1', 'p2'];
const underwriters = ['u1', 'u2'];
const assets = ['stETH', 'EIGEN'];
const coherent = [
  ['alice', 'opU', 's1'],
  ['carol', 'opE', 's1'],
  ['bob', 'opE', 's3'],
] as const;
const services: Record<string, string> = { s1: 'oracle', s2: 'oracle', s3: 'bridge', sVeto: 'bridge' };

/** Rewards and insurance commands over the ledger arbitrary's universe (for the lead's generator too). */
export function rewardInsuranceCommandArb(): fc.Arbitrary<Cmd> {
  const { operators, sets, stakers } = universe;
  return fc.oneof(
    fc
      .record({ type: fc.constant('submitRewards'), set: pick(sets), asset: pick(assets), amount })
      .map((c) => ({ ...c, service: services[c.set] ?? 'oracle' })),
    fc.record({ type: fc.constant('claimRewards'), staker: pick(stakers), asset: pick(assets) }),
    fc.record({ type: fc.constant('claimRewards'), operator: pick(operators), asset: pick(assets) }),
    fc.record({
      type: fc.constant('createInsurancePool'),
      pool: pick(pools),
      asset: pick(assets),
      withdrawalDelayBlocks: fc.integer({ min: 0, max: 6 }),
      capacityRatio: pick(['1', '3', '1/2']),
    }),
    fc.record({ type: fc.constant('underwrite'), pool: pick(pools), underwriter: pick(underwriters), amount }),
    fc.record({
      type: fc.constant('buyCover'),
      pool: pick(pools),
      buyer: pick(stakers),
      operator: pick(operators),
      set: pick(sets),
      amount: fc.bigInt({ min: 1n, max: 3000n }).map(String),
      periodBlocks: fc.integer({ min: 5, max: 40 }),
      premium: fc.constant('7'),
    }),
    fc.record({
      type: fc.constant('buyCover'),
      pool: pick(pools),
      buyer: pick(stakers),
      operator: pick(operators),
      set: pick(sets),
      amount,
      periodBlocks: fc.integer({ min: 1, max: 20 }),
      premium: amount,
    }),
    // covers and slashes that line up with the prelude's delegations, so claims are frequent
    fc
      .record({ target: pick(coherent), pool: pick(pools), amount: fc.bigInt({ min: 1n, max: 400_000n }).map(String) })
      .map(({ target, pool, amount: a }) => ({
        type: 'buyCover',
        pool,
        buyer: target[0],
        operator: target[1],
        set: target[2],
        amount: a,
        periodBlocks: 30,
        premium: '11',
      })),
    fc
      .record({ target: pick(coherent), wad: pick(['0.1', '0.5', '1/3']) })
      .map(({ target, wad }) => ({ type: 'slash', operator: target[1], set: target[2], wad })),
    fc.record({ type: fc.constant('requestUnderwriterWithdrawal'), pool: pick(pools), underwriter: pick(underwriters), shares: amount }),
    fc.record({
      type: fc.constant('completeUnderwriterWithdrawal'),
      underwriter: pick(underwriters),
      withdrawal: pick(['uw-1', 'uw-2', 'uw-3']),
    }),
  );
}

/** Stake allocated and pools with capital from the start, so rewards split, covers sell and claims happen often. */
export const insurancePrelude: Cmd[] = [
  { type: 'registerForOperatorSet', operator: 'opU', set: 's1' },
  { type: 'registerForOperatorSet', operator: 'opE', set: 's1' },
  { type: 'registerForOperatorSet', operator: 'opE', set: 's3' },
  { type: 'deposit', staker: 'alice', vault: 'v1', amount: '1000000' },
  { type: 'deposit', staker: 'bob', vault: 'v2', amount: '3000000' },
  { type: 'deposit', staker: 'carol', vault: 'v1', amount: '777777' },
  { type: 'delegate', staker: 'alice', operator: 'opU' },
  { type: 'delegate', staker: 'bob', operator: 'opE' },
  { type: 'delegate', staker: 'carol', operator: 'opE' },
  { type: 'allocate', operator: 'opU', set: 's1', vault: 'v1', magnitude: '0.5' },
  { type: 'allocate', operator: 'opE', set: 's1', vault: 'v1', magnitude: '1' },
  { type: 'allocate', operator: 'opE', set: 's3', vault: 'v2', magnitude: '0.75' },
  { type: 'advance', blocks: 1 },
  { type: 'createInsurancePool', pool: 'p1', asset: 'stETH', withdrawalDelayBlocks: 3, capacityRatio: '3' },
  { type: 'underwrite', pool: 'p1', underwriter: 'u1', amount: '1000000' },
  { type: 'createInsurancePool', pool: 'p2', asset: 'EIGEN', withdrawalDelayBlocks: 0 },
  { type: 'underwrite', pool: 'p2', underwriter: 'u2', amount: '100000000000000000000000' },
];

/** Ledger commands and rewards/insurance commands, about one in three from the latter. */
export const mixedArb = fc.oneof({ arbitrary: commandArb(true), weight: 2 }, { arbitrary: rewardInsuranceCommandArb(), weight: 1 });
