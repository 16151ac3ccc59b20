// examples/native-restaking.yaml end to end: every command succeeds, the numbers in its comments
// hold, and the invariants hold on the final state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { checkInvariants } from '../../../src/core/invariants/checkInvariants.js';
import { parseLog } from '../../../src/core/log/parseLog.js';
import { runLog } from '../../../src/core/runLog.js';
import { stateView } from '../../../src/core/state/view.js';

const POD = '0xbeac0eeeeeeeeeeeeeeeeeeeeeeeeeeeeeebeac0';

it('examples/native-restaking.yaml runs clean with the documented numbers', () => {
  const parsed = parseLog(readFileSync(new URL('../../../../examples/native-restaking.yaml', import.meta.url), 'utf8'));
  assert.ok(parsed.ok);
  const { state, results } = runLog(parsed.value.commands);
  assert.deepEqual(
    results.filter((r) => r.status !== 'ok'),
    [],
  );
  assert.deepEqual(checkInvariants(state), []);
  const v = stateView(state) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  // pod-owner-1: 64 ETH at m = 0.95 (60.8) plus 32 ETH after the slash:
  // k = divWad(divWad(92.8e18, 96e18) = 966666666666666666, 0.95e18) = 1017543859649122806
  // a = mulWad(mulWad(96e18, k) = 97684210526315789376, 0.95e18) = 92799999999999999907
  assert.deepEqual(v.stakers['pod-owner-1'].vaults[POD], {
    depositShares: '96000000000000000000',
    withdrawableShares: '92799999999999999907',
    depositScalingFactor: '1017543859649122806',
    beaconChainSlashingFactor: '1000000000000000000',
  });
  // pod-owner-2: l = 31/32; 16 ETH left worth 15.5; the withdrawal paid mulWad(16e18, 0.96875e18) = 15.5 ETH
  assert.equal(v.stakers['pod-owner-2'].vaults[POD].withdrawableShares, '15500000000000000000');
  assert.deepEqual(v.native, { vault: POD, beaconChainSlashingFactors: { 'pod-owner-2': '968750000000000000' } });
  assert.deepEqual(v.accounts, { 'pod-owner-2': { ETH: '15500000000000000000' } });
  // op-b: 32 − 1 (beacon slash) − 15.5 (withdrawal) = 15.5; op-a: ceil(64 · 0.95) + 32 = 92.8
  assert.equal(v.operators['op-b'].vaults[POD].shares, '15500000000000000000');
  assert.equal(v.operators['op-a'].vaults[POD].shares, '92800000000000000000');
  // the LST position has no beacon-chain factor
  assert.equal('beaconChainSlashingFactor' in v.stakers['lst-staker'].vaults['strategy-stETH'], false);
});
