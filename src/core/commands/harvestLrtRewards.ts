import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqId } from '../log/fields.js';
import { getLrt, lrtStakers } from '../lrt/lrtLookups.js';
import { mustExecute } from '../lrt/mustExecute.js';
import { check } from '../need.js';
import { stakerClaimable } from '../rewards/rewardPools.js';
import { claimRewards } from './claimRewards.js';

/**
 * Permissionless: claims the rewards (SPEC §3.6) its internal stakers earned in the LRT's
 * underlying asset and adds them to the LRT's idle underlying, so they raise NAV for every
 * token holder. Rewards in other assets stay claimable by the internal stakers (manager's job).
 */
export const harvestLrtRewards = defineCommand<{ lrt: string }>({
  type: 'harvestLrtRewards',
  parse: (raw) => ({ lrt: reqId(raw, 'lrt') }),
  execute(state, c) {
    const lrt = getLrt(state, c.lrt);
    const claims: { staker: string; amount: bigint }[] = [];
    for (const staker of lrtStakers(lrt)) {
      const rec = state.rewards.stakers.get(staker);
      const amount = rec ? stakerClaimable(state.rewards, rec, lrt.asset) : 0n;
      if (amount > 0n) claims.push({ staker, amount });
    }
    check(claims.length > 0, 'NOTHING_TO_CLAIM', `${c.lrt} ${lrt.asset}`);

    let total = 0n;
    for (const { staker, amount } of claims) {
      mustExecute(claimRewards, state, { claimant: { kind: 'staker', id: staker }, asset: lrt.asset });
      const acct = state.accounts.get(staker);
      const held = acct?.get(lrt.asset) ?? 0n;
      if (!acct || held < amount) throw new Error(`assertion failed: claimRewards paid ${staker} ${amount}`);
      if (held === amount) acct.delete(lrt.asset);
      else acct.set(lrt.asset, held - amount);
      total += amount;
    }
    lrt.idle += total;
    return ok({ amount: total.toString() });
  },
});
