import { ok, StakemeshFailure } from '../../errors/result.js';
import { parseFraction } from '../../math/decimal.js';
import { Rational } from '../../math/rational.js';
import { delayBlocksMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getAsset } from '../state/entities.js';
import { reqId, reqInt, type Raw } from '../log/fields.js';
import { capacityRatioMax, capacityRatioMin, insurancePoolsMax } from '../insurance/insuranceBounds.js';
import { check } from '../need.js';

interface CreatePool {
  pool: string;
  asset: string;
  withdrawalDelayBlocks: number | undefined;
  capacityRatio: Rational;
}

function capacityRatio(raw: Raw): Rational {
  if (raw['capacityRatio'] === undefined) return Rational.ONE;
  const r = parseFraction(raw['capacityRatio'], 'capacityRatio', { min: capacityRatioMin, max: capacityRatioMax });
  if (!r.ok) throw new StakemeshFailure(r.error.code, r.error.message.replace(/^[^:]*: /, ''));
  return r.value;
}

/**
 * Creates an insurance pool of one asset. Underwriter withdrawals wait `withdrawalDelayBlocks`
 * (default: the ledger's); active cover may reach `capacityRatio` × free capital (default 1).
 */
export const createInsurancePool = defineCommand<CreatePool>({
  type: 'createInsurancePool',
  parse: (raw) => ({
    pool: reqId(raw, 'pool'),
    asset: reqId(raw, 'asset'),
    withdrawalDelayBlocks: raw['withdrawalDelayBlocks'] === undefined ? undefined : reqInt(raw, 'withdrawalDelayBlocks', 0, delayBlocksMax),
    capacityRatio: capacityRatio(raw),
  }),
  execute(state, c) {
    const ins = state.insurance;
    check(!ins.pools.has(c.pool), 'POOL_EXISTS', c.pool);
    getAsset(state, c.asset);
    check(ins.pools.size < insurancePoolsMax, 'BOUND_EXCEEDED', `insurancePoolsMax ${insurancePoolsMax}`);
    const delay = c.withdrawalDelayBlocks ?? state.config.withdrawalDelayBlocks;
    ins.pools.set(c.pool, {
      id: c.pool,
      asset: c.asset,
      withdrawalDelayBlocks: delay,
      capacityRatio: c.capacityRatio,
      assets: 0n,
      totalShares: 0n,
      shares: new Map(),
      pendingShares: 0n,
      underwritten: 0n,
      premiums: 0n,
      claimsPaid: 0n,
      withdrawn: 0n,
      covers: [],
    });
    return ok({ pool: c.pool, withdrawalDelayBlocks: delay, capacityRatio: c.capacityRatio.toString() });
  },
});
