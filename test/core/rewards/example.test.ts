// examples/rewards-insurance.yaml end to end: every command succeeds, the numbers in its comments hold,
// and the SPEC §3.8 invariants hold on the final state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { checkInvariants } from '../../../src/core/invariants/checkInvariants.js';
import { parseLog } from '../../../src/core/log/parseLog.js';
import { runLog } from '../../../src/core/runLog.js';
import { stateView } from '../../../src/core/state/view.js';

describe('examples/rewards-insurance.yaml', () => {
  it('runs clean with the documented numbers', () => {
    const parsed = parseLog(readFileSync(new URL('../../../../examples/rewards-insurance.yaml', import.meta.url), 'utf8'));
    assert.ok(parsed.ok);
    const { state, results } = runLog(parsed.value.commands);
    assert.deepEqual(
      results.filter((r) => r.status !== 'ok'),
      [],
    );
    assert.deepEqual(checkInvariants(state), []);
    const v = stateView(state) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    // op-a 800 USDC (commission 80; alice 180, bob 540), op-b 200 USDC (commission 10; carol 190)
    assert.deepEqual(v.rewards.stakers, { alice: { USDC: '0' }, bob: { USDC: '540000000' }, carol: { USDC: '190000000' } });
    // alice: 180 USDC of rewards + a 6000 USDC claim (2 stETH × 3000); fund: 10 000/50 000 of 44 050 USDC
    assert.deepEqual(v.accounts, { alice: { USDC: '6180000000' }, 'op-a': { USDC: '80000000' }, fund: { USDC: '8810000000' } });
    assert.equal(v.insurance.pools['cover-usdc'].assets, '35240000000');
  });
});
