// LRT token conservation (checkLrts) and purity of apply() over LRT state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apply, applyInPlace } from '../../../src/core/apply.js';
import { checkInvariants } from '../../../src/core/invariants/checkInvariants.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { E, twoLayers } from './lrtFixture.js';

describe('LRT invariants', () => {
  it('LRT tokens cannot be created from nowhere: plain deposit, yield and setPrice are refused', () => {
    const l = twoLayers();
    assert.deepEqual(checkInvariants(l.state), []);
    const before = stateHash(l.state);
    for (const cmd of [
      { type: 'deposit', staker: 'mallory', vault: 'vT', amount: E(5) },
      { type: 'accrueYield', vault: 'vT', amount: E(5) },
      { type: 'setPrice', asset: 'T1', price: '1000' },
    ]) {
      const out = applyInPlace(l.state, cmd);
      assert.equal(out.ok ? 'ok' : out.error.code, 'LRT_TOKEN_DEPOSIT', cmd.type);
    }
    assert.equal(stateHash(l.state), before);
    assert.deepEqual(checkInvariants(l.state), []);
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
