import { ok } from '../../errors/result.js';
import { amountMax } from '../../math/decimal.js';
import { delayBlocksMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getOperator, getSet, getStaker } from '../state/entities.js';
import { optId, reqAmount, reqId, reqInt } from '../log/fields.js';
import { coversMax, coversPerPoolMax, coversPerTargetMax } from '../insurance/insuranceBounds.js';
import { activeCover, coverCapacity, coverTargetKey, getPool, liveCovers } from '../insurance/poolMath.js';
import { check } from '../need.js';

interface BuyCover {
  pool: string;
  buyer: string;
  operator: string;
  set: string;
  amount: bigint;
  periodBlocks: number;
  premium: bigint;
  cover: string | undefined;
}

/**
 * A staker buys cover against slashes of (operator, set) for blocks [now, now + periodBlocks).
 * Capacity rule: active cover of the pool + amount ≤ floor(free capital × capacityRatio), free
 * capital = assets of the shares not queued for withdrawal. The premium is paid into the pool
 * (it accrues to underwriters through the share price).
 */
export const buyCover = defineCommand<BuyCover>({
  type: 'buyCover',
  parse: (raw) => ({
    pool: reqId(raw, 'pool'),
    buyer: reqId(raw, 'buyer'),
    operator: reqId(raw, 'operator'),
    set: reqId(raw, 'set'),
    amount: reqAmount(raw, 'amount'),
    periodBlocks: reqInt(raw, 'periodBlocks', 1, delayBlocksMax),
    premium: reqAmount(raw, 'premium'),
    cover: optId(raw, 'cover'),
  }),
  execute(state, c) {
    const ins = state.insurance;
    const pool = getPool(state, c.pool);
    getStaker(state, c.buyer);
    const op = getOperator(state, c.operator);
    getSet(state, c.set);
    check(op.registrations.get(c.set)?.registered === true, 'NOT_REGISTERED', `${c.operator} in ${c.set}`);
    check(c.amount > 0n, 'ZERO_AMOUNT');
    check(pool.assets + c.premium <= amountMax, 'BOUND_EXCEEDED', `pool assets above ${amountMax}`);
    const key = coverTargetKey(c.operator, c.set);
    const poolLive = liveCovers(ins, pool.covers, state.block);
    const targetLive = liveCovers(ins, ins.coversByTarget.get(key) ?? [], state.block);
    check(poolLive.length < coversPerPoolMax, 'BOUND_EXCEEDED', `coversPerPoolMax ${coversPerPoolMax}`);
    check(targetLive.length < coversPerTargetMax, 'BOUND_EXCEEDED', `coversPerTargetMax ${coversPerTargetMax}`);
    check(ins.covers.size < coversMax, 'BOUND_EXCEEDED', `coversMax ${coversMax}`);
    const id = c.cover ?? `cover-${ins.coverNonce + 1}`;
    check(!ins.covers.has(id), 'COVER_EXISTS', id);
    const active = activeCover(ins, pool, state.block);
    const capital = coverCapacity(pool);
    check(active + c.amount <= capital, 'POOL_CAPACITY_EXCEEDED', `active ${active} + ${c.amount} > capacity ${capital}`);

    if (c.cover === undefined) ins.coverNonce += 1;
    const endBlock = state.block + c.periodBlocks - 1;
    ins.covers.set(id, {
      id,
      pool: c.pool,
      buyer: c.buyer,
      operator: c.operator,
      set: c.set,
      amount: c.amount,
      remaining: c.amount,
      premium: c.premium,
      startBlock: state.block,
      endBlock,
      paid: 0n,
    });
    // expired covers leave the lists walked by capacity checks and slashes (their records stay)
    pool.covers.splice(0, pool.covers.length, ...poolLive, id);
    ins.coversByTarget.set(key, [...targetLive, id]);
    pool.assets += c.premium;
    pool.premiums += c.premium;
    return ok({ cover: id, endBlock });
  },
});
