import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { applyInPlace } from '../../src/core/apply.js';
import { checkInvariants } from '../../src/core/invariants/checkInvariants.js';
import { runLog } from '../../src/core/runLog.js';
import { createState } from '../../src/core/state/state.js';
import { stateHash } from '../../src/core/state/stateHash.js';
import { commandArb, genesis, nativeGenesis } from './ledgerArbitrary.js';
import { WAD } from '../../src/math/wad.js';
import type { Cmd } from './harness.js';

/** Sequences × length in CI; FC_SEED replays a failure (fast-check prints the seed and path). */
const runs = Number(process.env['FC_RUNS'] ?? 500);
const length = 200;
const seed = process.env['FC_SEED'] === undefined ? undefined : Number(process.env['FC_SEED']);
const params = { numRuns: runs, ...(seed === undefined ? {} : { seed }) };

function checkSequence(cmds: readonly Cmd[], noYield: boolean, start: readonly Cmd[] = genesis): void {
  const state = createState();
  for (const c of [...start, ...cmds]) {
    const before = stateHash(state);
    const factors = new Map(state.native?.factors ?? []);
    const out = applyInPlace(state, c);
    // the beacon-chain slashing factor l only falls (and is WAD until first lowered)
    for (const [staker, l] of state.native?.factors ?? []) assert.ok(l <= (factors.get(staker) ?? WAD), `${staker}: l rose`);
    if (!out.ok) assert.equal(stateHash(state), before, `failing ${c.type} (${out.error.code}) changed the state`);
    const bad = checkInvariants(state);
    assert.deepEqual(bad, [], `after ${JSON.stringify(c)}`);
    if (noYield) {
      for (const s of state.stakers.values()) {
        for (const [asset, out] of s.withdrawn)
          assert.ok(out <= (s.deposited.get(asset) ?? 0n), `${s.id} withdrew more ${asset} than deposited`);
      }
    }
  }
  // operator shares ≥ Σ withdrawable is inside checkInvariants; replay gives the same hash
  const replay = runLog([...start, ...cmds]).state;
  assert.equal(stateHash(replay), stateHash(state), 'replaying the log gives the same state hash');
}

describe('ledger properties over random command sequences', () => {
  it(`invariants, failed commands change nothing, replay is identical, nobody withdraws more than deposited (${runs} × ${length})`, () => {
    fc.assert(
      fc.property(fc.array(commandArb(false), { minLength: length, maxLength: length }), (cmds) => checkSequence(cmds, true)),
      params,
    );
  });

  it(`with yield accrual: invariants and replay (${Math.ceil(runs / 5)} × ${length})`, () => {
    fc.assert(
      fc.property(fc.array(commandArb(true), { minLength: length, maxLength: length }), (cmds) => checkSequence(cmds, false)),
      { ...params, numRuns: Math.ceil(runs / 5) },
    );
  });

  it(`with native restaking (pod vault, beacon-chain slashes): invariants with l, replay, no over-withdrawal (${Math.ceil(runs / 10)} × ${length})`, () => {
    fc.assert(
      fc.property(fc.array(commandArb(false, true), { minLength: length, maxLength: length }), (cmds) =>
        checkSequence(cmds, true, nativeGenesis),
      ),
      { ...params, numRuns: Math.ceil(runs / 10) },
    );
  });

  it('native sequences exercise beacon-chain slashes of delegated pod owners (the generator is not vacuous)', () => {
    const sample = fc.sample(fc.array(commandArb(false, true), { minLength: length, maxLength: length }), { numRuns: 20, seed: 7 });
    let removed = 0n;
    const okByType = new Map<string, number>();
    for (const cmds of sample) {
      const { results } = runLog([...nativeGenesis, ...cmds]);
      for (const r of results) {
        if (r.status !== 'ok') continue;
        okByType.set(r.type, (okByType.get(r.type) ?? 0) + 1);
        const x = (r as { operatorSharesRemoved?: unknown }).operatorSharesRemoved;
        if (typeof x === 'string') removed += BigInt(x);
      }
    }
    for (const t of ['recordBeaconBalanceUpdate', 'beaconChainSlash', 'slash', 'completeWithdrawal']) {
      assert.ok((okByType.get(t) ?? 0) > 0, `no successful ${t} in the sample`);
    }
    assert.ok(removed > 0n, 'no beacon-chain slash took shares from an operator');
  });

  it('generated sequences exercise slashing and withdrawals (the generator is not vacuous)', () => {
    const sample = fc.sample(fc.array(commandArb(false), { minLength: length, maxLength: length }), { numRuns: 20, seed: 7 });
    const okByType = new Map<string, number>();
    for (const cmds of sample) {
      const { results } = runLog([...genesis, ...cmds]);
      for (const r of results) if (r.status === 'ok') okByType.set(r.type, (okByType.get(r.type) ?? 0) + 1);
    }
    for (const t of ['deposit', 'delegate', 'allocate', 'slash', 'queueWithdrawal', 'completeWithdrawal', 'executeSlash', 'undelegate']) {
      assert.ok((okByType.get(t) ?? 0) > 0, `no successful ${t} in the sample`);
    }
  });
});
