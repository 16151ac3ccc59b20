import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { checkInvariants } from '../../src/core/invariants/checkInvariants.js';
import { parseLog } from '../../src/core/log/parseLog.js';
import { runLog } from '../../src/core/runLog.js';
import { stateView } from '../../src/core/state/view.js';

it('examples/shared-security.yaml: LRT across services, rewards, covered slash, veto slash, redemption', () => {
  const text = readFileSync(new URL('../../../examples/shared-security.yaml', import.meta.url), 'utf8');
  const log = parseLog(text);
  assert.ok(log.ok);
  const { state, results } = runLog(log.value.commands, { afterEach: (s) => assert.deepEqual(checkInvariants(s), []) });
  assert.deepEqual(
    results.filter((r) => r.status !== 'ok'),
    [],
  );
  const v = stateView(state) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  // Eoracle slashes Galaxy 10 % of its 0.5 allocation: 5 % of 2000 stETH = 100 stETH, worth 340,000 USD;
  // the whale's cover of 200,000 USDC pays in full.
  assert.equal(v.insurance.claims['claim-1'].loss, '340000000000');
  assert.equal(v.insurance.claims['claim-1'].paid, '200000000000');
  // Hyperlane's executed request takes 20 % of Allnodes' 0.5 allocation of 300 stETH = 30 stETH; r2 was vetoed.
  assert.equal(v.slashRequests.r1.status, 'executed');
  assert.equal(v.slashRequests.r2.status, 'vetoed');
  assert.equal(v.slashed['hyperlane-validators']['strategy-stETH'], '30000000000000000000');
  // NAV: 900 − 30 slashed = 870 stETH for 900 eETH; alice redeems 100 eETH → 96.67 stETH; 800 eETH left.
  assert.equal(v.accounts.alice.stETH, '96666666666666666665');
  assert.equal(v.lrts.lrts['etherfi-eETH'].supply, '800000000000000000000');
  assert.equal(v.lrts.lrts['etherfi-eETH'].nav, '773333333333333333334');
  // rewards: 50,000 USDC submitted, never more claimed than submitted
  const t = v.rewards.totals.USDC;
  assert.equal(t.submitted, '50000000000');
  assert.ok(BigInt(t.claimed) + BigInt(t.claimableByStakers) + BigInt(t.unclaimedCommission) + BigInt(t.dust) <= 50_000_000_000n);
});
