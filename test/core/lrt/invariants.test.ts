// LRT token conservation (checkLrts) and purity of apply() over LRT state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apply, applyInPlace } from '../../../src/core/apply.js';
import { checkInvariants } from '../../../src/core/checkInvariants.js';
import { stateHash } from '../../../src/core/stateHash.js';
import { E, twoLayers } from './lrtFixture.js';

describe('LRT invariants', () => {
  it('a trusted plain deposit of LRT tokens into a vault is reported as tokens from nowhere', () => {
    const l = twoLayers();
    assert.deepEqual(checkInvariants(l.state), []);
    const out = applyInPlace(l.state, { type: 'deposit', staker: 'mallory', vault: 'vT', amount: E(5) });
    assert.ok(out.ok);
    assert.deepEqual(checkInvariants(l.state), ['LRT L1: supply 1000000000000000000000 ≠ tokens held 1005000000000000000000']);
  });

  it('apply() leaves the input state untouched (LRT state is cloned)', () => {
    const l = twoLayers();
    const before = stateHash(l.state);
    const { state, outcome } = apply(l.state, { type: 'depositLrt', lrt: 'L1', account: 'carol', amount: E(7) });
    assert.ok(outcome.ok);
    assert.equal(stateHash(l.state), before);
    assert.notEqual(stateHash(state), before);
    assert.equal(state.lrts.lrts.get('L1')?.balances.get('carol'), 7n * 10n ** 18n);
    assert.equal(l.state.lrts.lrts.get('L1')?.balances.get('carol'), undefined);
  });
});
