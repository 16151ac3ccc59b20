// Random command sequences mixing the ledger's commands with rewards and insurance commands:
// invariants (incl. rewards ≤ submitted, pool conservation) after every command, failed commands
// change nothing, replay gives the same hash, and every staker's rewards match an O(n) reference
// (exact rationals) to within one unit per settlement.
import { beaconFactorOf } from '../../../src/core/native/slashingFactor.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyInPlace } from '../../../src/core/apply.js';
import { checkInvariants } from '../../../src/core/invariants/checkInvariants.js';
import { stakerClaimable, stakerWeight } from '../../../src/core/rewards/rewardPools.js';
import { runLog } from '../../../src/core/runLog.js';
import { createState, type LedgerState } from '../../../src/core/state/state.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { Rational } from '../../../src/math/rational.js';
import type { Cmd } from '../harness.js';
import { genesis } from '../ledgerArbitrary.js';
import { insurancePrelude, mixedArb } from './rewardArbitrary.js';

const runs = Number(process.env['FC_RUNS'] ?? 60);
const length = 150;
const seed = process.env['FC_SEED'] === undefined ? undefined : Number(process.env['FC_SEED']);
const params = { numRuns: runs, ...(seed === undefined ? {} : { seed }) };

/** O(n) reference: ideal reward of each staker (exact), from the split a submission reports. */
function creditReference(state: LedgerState, parts: readonly string[], asset: string, ideal: Map<string, Rational>): void {
  for (const p of parts) {
    const [pair = '', amt = '0', commission = '0'] = p.split(':');
    const [op, vault] = pair.split('/');
    const stakerPart = BigInt(amt) - BigInt(commission);
    const ws: [string, bigint][] = [];
    for (const s of state.stakers.values()) {
      const pos = s.delegatedTo === op && vault ? s.positions.get(vault) : undefined;
      if (pos && vault) ws.push([s.id, stakerWeight(pos, beaconFactorOf(state, s.id, vault))]);
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
