import { ok } from '../../errors/result.js';
import { withdrawalsMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getStaker, getVault } from '../state/entities.js';
import { optId, reqAmount, reqId } from '../log/fields.js';
import { check } from '../need.js';
import { queueShares } from '../shares/queueShares.js';
import { nextWithdrawalId } from '../shares/nextWithdrawalId.js';
import { settleStakerRewards } from '../rewards/settleStakerRewards.js';

interface QueueWithdrawal {
  staker: string;
  vault: string;
  shares: bigint;
  withdrawal: string | undefined;
}

/** Queues `shares` deposit shares for withdrawal; they stay slashable for withdrawalDelayBlocks. */
export const queueWithdrawal = defineCommand<QueueWithdrawal>({
  type: 'queueWithdrawal',
  parse: (raw) => ({
    staker: reqId(raw, 'staker'),
    vault: reqId(raw, 'vault'),
    shares: reqAmount(raw, 'shares'),
    withdrawal: optId(raw, 'withdrawal'),
  }),
  execute(state, c) {
    const staker = getStaker(state, c.staker);
    getVault(state, c.vault);
    check(c.shares > 0n, 'ZERO_AMOUNT');
    const held = staker.positions.get(c.vault)?.depositShares ?? 0n;
    check(c.shares <= held, 'INSUFFICIENT_SHARES', `${c.staker} holds ${held} deposit shares of ${c.vault}`);
    check(c.withdrawal === undefined || !state.withdrawals.has(c.withdrawal), 'WITHDRAWAL_EXISTS', c.withdrawal);
    check(state.withdrawals.size < withdrawalsMax, 'BOUND_EXCEEDED', `withdrawalsMax ${withdrawalsMax}`);
    settleStakerRewards(state, c.staker);
    const id = c.withdrawal ?? nextWithdrawalId(state);
    queueShares(state, staker, c.vault, c.shares, id);
    return ok({ withdrawal: id });
  },
});
