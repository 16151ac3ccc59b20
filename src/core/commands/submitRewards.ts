import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { getAsset, getSet } from '../state/entities.js';
import { optId, reqAmount, reqId } from '../log/fields.js';
import { addTo } from '../state/lookups.js';
import { check, need } from '../need.js';
import { lrtOfToken } from '../lrt/lrtLookups.js';
import { apportionReward } from '../rewards/apportionReward.js';
import { rewardSubmissionsMax } from '../rewards/rewardBounds.js';
import { distributeShares } from '../rewards/distributeShares.js';

interface SubmitRewards {
  service: string;
  set: string;
  asset: string;
  amount: bigint;
  from: string | undefined;
  submission: string | undefined;
}

/**
 * A service pays `amount` of `asset` to an operator set (SPEC §3.6): split across the set's
 * registered operators pro rata to slashable stake in numeraire, commission to each operator,
 * the rest into its stakers' reward accumulators (O(1) in the number of stakers). `from` is
 * the payer named by the (trusted) log; it is recorded, not debited.
 */
export const submitRewards = defineCommand<SubmitRewards>({
  type: 'submitRewards',
  parse: (raw) => ({
    service: reqId(raw, 'service'),
    set: reqId(raw, 'set'),
    asset: reqId(raw, 'asset'),
    amount: reqAmount(raw, 'amount'),
    from: optId(raw, 'from'),
    submission: optId(raw, 'submission'),
  }),
  execute(state, c) {
    const r = state.rewards;
    const set = getSet(state, c.set);
    check(set.service === c.service, 'SET_NOT_OF_SERVICE', `${c.set} belongs to ${set.service}`);
    getAsset(state, c.asset);
    check(lrtOfToken(state, c.asset) === undefined, 'LRT_TOKEN_DEPOSIT', `${c.asset}: a service cannot pay in LRT tokens it does not hold`);
    check(c.amount > 0n, 'ZERO_AMOUNT');
    check(r.submissions.size < rewardSubmissionsMax, 'BOUND_EXCEEDED', `rewardSubmissionsMax ${rewardSubmissionsMax}`);
    const id = c.submission ?? `reward-${r.submissionNonce + 1}`;
    check(!r.submissions.has(id), 'SUBMISSION_EXISTS', id);
    const split = need(apportionReward(state, set, c.amount), 'NO_REWARD_STAKE', c.set);

    if (c.submission === undefined) r.submissionNonce += 1;
    const unallocated = distributeShares(state, c.asset, split.shares);
    const dust = split.dust + unallocated;
    r.submissions.set(id, {
      id,
      service: c.service,
      set: c.set,
      asset: c.asset,
      amount: c.amount,
      from: c.from ?? null,
      block: state.block,
      dust,
    });
    addTo(r.submitted, c.asset, c.amount);
    if (dust > 0n) addTo(r.dust, c.asset, dust);
    return ok({
      submission: id,
      dust: dust.toString(),
      operators: split.shares.map((s) => `${s.operator}/${s.vault}:${s.amount}:${s.commission}`),
    });
  },
});
