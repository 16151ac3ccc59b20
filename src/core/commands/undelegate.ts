import { ok } from '../../errors/result.js';
import { withdrawalsMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getStaker } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { check } from '../need.js';
import { queueShares } from '../shares/queueShares.js';
import { nextWithdrawalId } from '../shares/nextWithdrawalId.js';
import { settleStakerRewards } from '../rewards/settleStakerRewards.js';

/** Undelegates a staker: every position is queued for withdrawal (EigenLayer `undelegate`). */
export const undelegate = defineCommand<{ staker: string }>({
  type: 'undelegate',
  parse: (raw) => ({ staker: reqId(raw, 'staker') }),
  execute(state, c) {
    const staker = getStaker(state, c.staker);
    check(staker.delegatedTo !== null, 'NOT_DELEGATED', c.staker);
    const vaults = [...staker.positions.entries()].filter(([, p]) => p.depositShares > 0n).map(([v]) => v);
    check(state.withdrawals.size + vaults.length <= withdrawalsMax, 'BOUND_EXCEEDED', `withdrawalsMax ${withdrawalsMax}`);
    settleStakerRewards(state, c.staker);
    const ids: string[] = [];
    for (const vault of vaults) {
      const id = nextWithdrawalId(state);
      queueShares(state, staker, vault, staker.positions.get(vault)?.depositShares ?? 0n, id);
      ids.push(id);
    }
    staker.delegatedTo = null;
    return ok({ withdrawals: ids });
  },
});
