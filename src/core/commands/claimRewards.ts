import { assert, ok } from '../../errors/result.js';
import { StakemeshFailure } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { getAsset, getOperator, getStaker } from '../state/entities.js';
import { optId, reqId } from '../log/fields.js';
import { addTo, nested } from '../state/lookups.js';
import { check } from '../need.js';
import { stakerClaimable } from '../rewards/rewardPools.js';
import { settleStaker, syncPendingStaker } from '../rewards/settleStakerRewards.js';

type Claimant = { kind: 'staker'; id: string } | { kind: 'operator'; id: string };

/**
 * Pays every reward of `asset` owed to a staker (settled plus accrued) or an operator
 * (commission) to its account in `state.accounts`. Exact to the unit; fails with
 * NOTHING_TO_CLAIM when zero.
 */
export const claimRewards = defineCommand<{ claimant: Claimant; asset: string }>({
  type: 'claimRewards',
  parse: (raw) => {
    const staker = optId(raw, 'staker');
    const operator = optId(raw, 'operator');
    if ((staker === undefined) === (operator === undefined))
      throw new StakemeshFailure('BAD_FIELD', 'give exactly one of staker, operator');
    const claimant: Claimant = staker !== undefined ? { kind: 'staker', id: staker } : { kind: 'operator', id: operator ?? '' };
    return { claimant, asset: reqId(raw, 'asset') };
  },
  execute(state, c) {
    const r = state.rewards;
    getAsset(state, c.asset);
    const { kind, id } = c.claimant;
    let amount: bigint;
    if (kind === 'staker') {
      getStaker(state, id);
      const rec = r.stakers.get(id);
      amount = rec ? stakerClaimable(r, rec, c.asset) : 0n;
    } else {
      getOperator(state, id);
      amount = r.commission.get(id)?.get(c.asset) ?? 0n;
    }
    check(amount > 0n, 'NOTHING_TO_CLAIM', `${id} ${c.asset}`);

    syncPendingStaker(state);
    const rec = kind === 'staker' ? r.stakers.get(id) : undefined;
    if (rec) settleStaker(r, rec);
    const owedMap = rec ? rec.owed : r.commission.get(id);
    assert(owedMap && owedMap.get(c.asset) === amount, 'claimRewards: settled amount equals the checked claimable');
    owedMap.delete(c.asset);
    if (rec && owedMap.size === 0) rec.owed = null;
    addTo(r.claimed, c.asset, amount);
    addTo(nested(state.accounts, id), c.asset, amount);
    return ok({ amount: amount.toString() });
  },
});
