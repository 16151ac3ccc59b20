// Random command sequences mixing the ledger's commands with rewards and insurance commands:
// invariants (incl. rewards ≤ submitted, pool conservation) after every command, failed commands
// change nothing, replay gives the same hash, and every staker's rewards match an O(n) reference
// (exact rationals) to within one unit per settlement.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyInPlace } from '../../../src/core/apply.js';
import { checkInvariants } from '../../../src/core/checkInvariants.js';
import { stakerClaimable } from '../../../src/core/rewards/rewardPools.js';
import { stakerWeight } from '../../../src/core/rewards/rewardPools.js';
import { runLog } from '../../../src/core/runLog.js';
import { createState, type LedgerState } from '../../../src/core/state.js';
import { stateHash } from '../../../src/core/stateHash.js';
import { Rational } from '../../../src/math/rational.js';
import type { Cmd } from '../harness.js';
import { commandArb, genesis, universe } from '../ledgerArbitrary.js';

const runs = Number(process.env['FC_RUNS'] ?? 60);
const length = 150;
const seed = process.env['FC_SEED'] === undefined ? undefined : Number(process.env['FC_SEED']);
const params = { numRuns: runs, ...(seed === undefined ? {} : { seed }) };

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 5000n }), fc.bigInt({ min: 0n, max: 10n ** 22n })).map(String);
const pools = ['p1', 'p2'];
const underwriters = ['u1', 'u2'];
const assets = ['stETH', 'EIGEN'];
const coherent = [['alice', 'opU', 's1'], ['carol', 'opE', 's1'], ['bob', 'opE', 's3']] as const;
const services: Record<string, string> = { s1: 'oracle', s2: 'oracle', s3: 'bridge', sVeto: 'bridge' };

/** Rewards and insurance commands over the ledger arbitrary's universe (for the lead's generator too). */
export function rewardInsuranceCommandArb(): fc.Arbitrary<Cmd> {
  const { operators, sets, stakers } = universe;
  return fc.oneof(
    fc.record({ type: fc.constant('submitRewards'), set: pick(sets), asset: pick(assets), amount }).map((c) => ({ ...c, service: services[c.set] ?? 'oracle' })),
    fc.record({ type: fc.constant('claimRewards'), staker: pick(stakers), asset: pick(assets) }),
    fc.record({ type: fc.constant('claimRewards'), operator: pick(operators), asset: pick(assets) }),
    fc.record({ type: fc.constant('createInsurancePool'), pool: pick(pools), asset: pick(assets), withdrawalDelayBlocks: fc.integer({ min: 0, max: 6 }), capacityRatio: pick(['1', '3', '1/2']) }),
    fc.record({ type: fc.constant('underwrite'), pool: pick(pools), underwriter: pick(underwriters), amount }),
    fc.record({
      type: fc.constant('buyCover'), pool: pick(pools), buyer: pick(stakers), operator: pick(operators), set: pick(sets),
      amount: fc.bigInt({ min: 1n, max: 3000n }).map(String), periodBlocks: fc.integer({ min: 5, max: 40 }), premium: fc.constant('7'),
    }),
    fc.record({
      type: fc.constant('buyCover'), pool: pick(pools), buyer: pick(stakers), operator: pick(operators), set: pick(sets),
      amount, periodBlocks: fc.integer({ min: 1, max: 20 }), premium: amount,
    }),
    // covers and slashes that line up with the prelude's delegations, so claims are frequent
    fc.record({ target: pick(coherent), pool: pick(pools), amount: fc.bigInt({ min: 1n, max: 400_000n }).map(String) }).map(({ target, pool, amount: a }) => ({
      type: 'buyCover', pool, buyer: target[0], operator: target[1], set: target[2], amount: a, periodBlocks: 30, premium: '11',
    })),
    fc.record({ target: pick(coherent), wad: pick(['0.1', '0.5', '1/3']) }).map(({ target, wad }) => ({ type: 'slash', operator: target[1], set: target[2], wad })),
    fc.record({ type: fc.constant('requestUnderwriterWithdrawal'), pool: pick(pools), underwriter: pick(underwriters), shares: amount }),
    fc.record({ type: fc.constant('completeUnderwriterWithdrawal'), underwriter: pick(underwriters), withdrawal: pick(['uw-1', 'uw-2', 'uw-3']) }),
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

/** O(n) reference: ideal reward of each staker (exact), from the split a submission reports. */
function creditReference(state: LedgerState, parts: readonly string[], asset: string, ideal: Map<string, Rational>): void {
  for (const p of parts) {
    const [pair = '', amt = '0', commission = '0'] = p.split(':');
    const [op, vault] = pair.split('/');
    const stakerPart = BigInt(amt) - BigInt(commission);
    const ws: [string, bigint][] = [];
    for (const s of state.stakers.values()) {
      const pos = s.delegatedTo === op && vault ? s.positions.get(vault) : undefined;
      if (pos) ws.push([s.id, stakerWeight(pos)]);
    }
    const total = ws.reduce((a, [, w]) => a + w, 0n);
    if (total === 0n) continue;
    for (const [id, w] of ws) {
      const key = `${id}\u0000${asset}`;
      ideal.set(key, (ideal.get(key) ?? Rational.ZERO).add(Rational.of(stakerPart * w, total)));
    }
  }
}

function checkSequence(cmds: readonly Cmd[]): void {
  const state = createState();
  const ideal = new Map<string, Rational>();
  const got = new Map<string, bigint>();
  const touches = new Map<string, number>();
  for (const c of [...genesis, ...insurancePrelude, ...cmds]) {
    const before = stateHash(state);
    const out = applyInPlace(state, c);
    if (!out.ok) assert.equal(stateHash(state), before, `failing ${c.type} (${out.error.code}) changed the state`);
    assert.deepEqual(checkInvariants(state), [], `after ${JSON.stringify(c)}`);
    if (!out.ok) continue;
    if (typeof c['staker'] === 'string') touches.set(c['staker'], (touches.get(c['staker']) ?? 0) + 1);
    if (c.type === 'submitRewards') creditReference(state, out.fields['operators'] as string[], c['asset'] as string, ideal);
    if (c.type === 'claimRewards' && typeof c['staker'] === 'string') {
      const key = `${c['staker']}\u0000${c['asset']}`;
      got.set(key, (got.get(key) ?? 0n) + BigInt(out.fields['amount'] as string));
    }
  }
  for (const [key, want] of ideal) {
    const [id = '', asset = ''] = key.split('\u0000');
    const rec = state.rewards.stakers.get(id);
    const actual = (got.get(key) ?? 0n) + (rec ? stakerClaimable(state.rewards, rec, asset) : 0n);
    const gap = want.sub(Rational.of(actual));
    assert.ok(gap.sign() >= 0, `${id} ${asset}: paid ${actual} above the exact ${want.toDecimal(6)}`);
    assert.ok(gap.lt(Rational.of(BigInt((touches.get(id) ?? 0) + 2))), `${id} ${asset}: paid ${actual}, exact ${want.toDecimal(6)}`);
  }
  assert.equal(stateHash(runLog([...genesis, ...insurancePrelude, ...cmds]).state), stateHash(state), 'replay gives the same state hash');
}

describe('rewards and insurance over random command sequences', () => {
  it(`invariants, failures change nothing, replay, rewards match the O(n) reference (${runs} × ${length})`, () => {
    fc.assert(fc.property(fc.array(mixedArb, { minLength: length, maxLength: length }), checkSequence), params);
  });

  it('the generator is not vacuous: rewards are claimed and covers pay claims', () => {
    const sample = fc.sample(fc.array(mixedArb, { minLength: length, maxLength: length }), { numRuns: 20, seed: 11 });
    const okByType = new Map<string, number>();
    let claimsPaid = 0;
    for (const cmds of sample) {
      const { results, state } = runLog([...genesis, ...insurancePrelude, ...cmds]);
      for (const r of results) if (r.status === 'ok') okByType.set(r.type, (okByType.get(r.type) ?? 0) + 1);
      claimsPaid += state.insurance.claims.size;
    }
    for (const t of ['submitRewards', 'claimRewards', 'underwrite', 'buyCover', 'requestUnderwriterWithdrawal']) {
      assert.ok((okByType.get(t) ?? 0) > 0, `no successful ${t} in the sample`);
    }
    assert.ok(claimsPaid > 0, 'no insurance claim in the sample');
  });
});
