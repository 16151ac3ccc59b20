import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { optId, reqAmount, reqId } from '../log/fields.js';
import { underwriterWithdrawalsMax } from '../insurance/insuranceBounds.js';
import { activeCover, coverCapacity, getPool } from '../insurance/poolMath.js';
import { check } from '../need.js';

interface RequestWithdrawal {
  pool: string;
  underwriter: string;
  shares: bigint;
  withdrawal: string | undefined;
}

/**
 * Queues pool shares for withdrawal. They stay in the pool (and bear claims) for the pool's
 * withdrawal delay; the request is refused when the active cover would exceed the capital of
 * the shares that remain.
 */
export const requestUnderwriterWithdrawal = defineCommand<RequestWithdrawal>({
  type: 'requestUnderwriterWithdrawal',
  parse: (raw) => ({
    pool: reqId(raw, 'pool'),
    underwriter: reqId(raw, 'underwriter'),
    shares: reqAmount(raw, 'shares'),
    withdrawal: optId(raw, 'withdrawal'),
  }),
  execute(state, c) {
    const ins = state.insurance;
    const pool = getPool(state, c.pool);
    check(c.shares > 0n, 'ZERO_AMOUNT');
    const held = pool.shares.get(c.underwriter) ?? 0n;
    check(c.shares <= held, 'INSUFFICIENT_POOL_SHARES', `${c.underwriter} holds ${held} shares of ${c.pool}`);
    check(ins.withdrawals.size < underwriterWithdrawalsMax, 'BOUND_EXCEEDED', `underwriterWithdrawalsMax ${underwriterWithdrawalsMax}`);
    const id = c.withdrawal ?? `uw-${ins.withdrawalNonce + 1}`;
    check(!ins.withdrawals.has(id), 'WITHDRAWAL_EXISTS', id);
    const active = activeCover(ins, pool, state.block);
    const after = coverCapacity({ ...pool, pendingShares: pool.pendingShares + c.shares });
    check(active <= after, 'POOL_CAPACITY_EXCEEDED', `active cover ${active} > capacity left ${after}`);

    if (c.withdrawal === undefined) ins.withdrawalNonce += 1;
    if (held === c.shares) pool.shares.delete(c.underwriter);
    else pool.shares.set(c.underwriter, held - c.shares);
    pool.pendingShares += c.shares;
    ins.withdrawals.set(id, {
      id,
      pool: c.pool,
      underwriter: c.underwriter,
      shares: c.shares,
      startBlock: state.block,
      completed: false,
      paid: 0n,
    });
    return ok({ withdrawal: id, completableAfter: state.block + pool.withdrawalDelayBlocks });
  },
});
