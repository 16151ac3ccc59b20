import { ok } from '../../errors/result.js';
import { amountMax } from '../../math/decimal.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqAmount, reqId } from '../log/fields.js';
import { getPool, poolSharesFor } from '../insurance/poolMath.js';
import { addTo } from '../state/lookups.js';
import { check, need } from '../need.js';

/** An underwriter adds capital to a pool for pool shares (rounding down). Funds come from outside (trusted log). */
export const underwrite = defineCommand<{ pool: string; underwriter: string; amount: bigint }>({
  type: 'underwrite',
  parse: (raw) => ({ pool: reqId(raw, 'pool'), underwriter: reqId(raw, 'underwriter'), amount: reqAmount(raw, 'amount') }),
  execute(state, c) {
    const pool = getPool(state, c.pool);
    check(c.amount > 0n, 'ZERO_AMOUNT');
    check(pool.assets + c.amount <= amountMax, 'BOUND_EXCEEDED', `pool assets above ${amountMax}`);
    const shares = need(poolSharesFor(pool, c.amount), 'ZERO_POOL_SHARES', `${c.pool} has shares but no assets`);
    check(shares > 0n, 'ZERO_POOL_SHARES', `${c.amount} buys no shares of ${c.pool}`);
    pool.assets += c.amount;
    pool.underwritten += c.amount;
    pool.totalShares += shares;
    addTo(pool.shares, c.underwriter, shares);
    return ok({ shares: shares.toString() });
  },
});
