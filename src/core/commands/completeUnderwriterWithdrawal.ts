import { assert, ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqId } from '../log/fields.js';
import { getPool, poolAssetsFor } from '../insurance/poolMath.js';
import { addTo, nested } from '../state/lookups.js';
import { check, need } from '../need.js';

/**
 * Completes an underwriter withdrawal after the pool's delay: pays
 * `shares × assets / totalShares` (rounding down; claims during the delay were borne) to the
 * underwriter's account.
 */
export const completeUnderwriterWithdrawal = defineCommand<{ underwriter: string; withdrawal: string }>({
  type: 'completeUnderwriterWithdrawal',
  parse: (raw) => ({ underwriter: reqId(raw, 'underwriter'), withdrawal: reqId(raw, 'withdrawal') }),
  execute(state, c) {
    const w = need(state.insurance.withdrawals.get(c.withdrawal), 'UNKNOWN_UNDERWRITER_WITHDRAWAL', c.withdrawal);
    check(w.underwriter === c.underwriter, 'NOT_WITHDRAWAL_OWNER', c.withdrawal);
    check(!w.completed, 'WITHDRAWAL_COMPLETED', c.withdrawal);
    const pool = getPool(state, w.pool);
    const until = w.startBlock + pool.withdrawalDelayBlocks;
    check(state.block > until, 'WITHDRAWAL_DELAY_NOT_ELAPSED', `completable after block ${until}`);
    const amount = poolAssetsFor(pool, w.shares);

    pool.totalShares -= w.shares;
    pool.pendingShares -= w.shares;
    pool.assets -= amount;
    pool.withdrawn += amount;
    assert(pool.assets >= 0n && pool.pendingShares >= 0n, 'underwriter withdrawal keeps the pool non-negative');
    w.completed = true;
    w.paid = amount;
    addTo(nested(state.accounts, c.underwriter), pool.asset, amount);
    return ok({ amount: amount.toString() });
  },
});
