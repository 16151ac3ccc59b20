import { ok, StakemeshFailure } from '../../errors/result.js';
import { Rational } from '../../math/rational.js';
import { assetsMax, stakersMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getAsset, getOperator, getVault, stakerRecord } from '../state/entities.js';
import { reqId, reqInt, type Raw } from '../log/fields.js';
import { lrtsMax, lrtTargetsMax, lrtTokenDecimals, lrtWeightMax, recursionDepthMax } from '../lrt/lrtBounds.js';
import { lrtOfToken } from '../lrt/lrtLookups.js';
import type { LrtTarget } from '../lrt/lrtState.js';
import { lrtStakerId } from '../lrt/lrtStakerId.js';
import { lrtTokenPrice } from '../lrt/assetPrice.js';
import { check } from '../need.js';

interface CreateLrt {
  lrt: string;
  asset: string;
  token: string;
  manager: string;
  operators: { operator: string; vault: string; weight: bigint }[];
}

function parseTargets(raw: Raw): CreateLrt['operators'] {
  const v = raw['operators'];
  if (!Array.isArray(v) || v.length === 0) throw new StakemeshFailure('BAD_FIELD', 'operators must be a non-empty list');
  if (v.length > lrtTargetsMax) throw new StakemeshFailure('TOO_LARGE', `operators has more than ${lrtTargetsMax} entries`);
  return v.map((t: unknown) => {
    if (t === null || typeof t !== 'object') throw new StakemeshFailure('BAD_FIELD', 'operators[] entries are objects');
    const o = t as Raw;
    return { operator: reqId(o, 'operator'), vault: reqId(o, 'vault'), weight: BigInt(reqInt(o, 'weight', 1, lrtWeightMax)) };
  });
}

/**
 * Creates an LRT over `asset`: registers its token (kind `lrt`, 18 decimals) and one internal
 * staker per target operator, delegated to it. Depth = 1 over a plain asset, 1 + the underlying
 * LRT's depth over an LRT token; above recursionDepthMax it fails.
 */
export const createLrt = defineCommand<CreateLrt>({
  type: 'createLrt',
  parse: (raw) => ({
    lrt: reqId(raw, 'lrt'),
    asset: reqId(raw, 'asset'),
    token: reqId(raw, 'token'),
    manager: reqId(raw, 'manager'),
    operators: parseTargets(raw),
  }),
  execute(state, c) {
    const lrts = state.lrts;
    check(!lrts.lrts.has(c.lrt), 'LRT_EXISTS', c.lrt);
    check(lrts.lrts.size < lrtsMax, 'BOUND_EXCEEDED', `lrtsMax ${lrtsMax}`);
    getAsset(state, c.asset);
    check(!state.assets.has(c.token), 'LRT_TOKEN_EXISTS', c.token);
    check(state.assets.size < assetsMax, 'BOUND_EXCEEDED', `assetsMax ${assetsMax}`);
    const depth = (lrtOfToken(state, c.asset)?.depth ?? 0) + 1;
    check(depth <= recursionDepthMax, 'LRT_DEPTH_EXCEEDED', `depth ${depth} > recursionDepthMax ${recursionDepthMax}`);
    const pairs = new Set<string>();
    const targets: LrtTarget[] = c.operators.map((t) => {
      getOperator(state, t.operator);
      check(getVault(state, t.vault).asset === c.asset, 'LRT_BAD_TARGETS', `vault ${t.vault} does not hold ${c.asset}`);
      const key = `${t.operator}\u0000${t.vault}`;
      check(!pairs.has(key), 'LRT_BAD_TARGETS', `duplicate target ${t.operator}/${t.vault}`);
      pairs.add(key);
      return { ...t, staker: lrtStakerId(c.lrt, t.operator) };
    });
    const stakers = [...new Set(targets.map((t) => t.staker))];
    for (const s of stakers) check(!state.stakers.has(s), 'LRT_STAKER_EXISTS', s);
    check(state.stakers.size + stakers.length <= stakersMax, 'BOUND_EXCEEDED', `stakersMax ${stakersMax}`);

    for (const t of targets) stakerRecord(state, t.staker).delegatedTo = t.operator;
    const lrt = {
      id: c.lrt,
      asset: c.asset,
      token: c.token,
      manager: c.manager,
      depth,
      targets,
      supply: 0n,
      idle: 0n,
      balances: new Map<string, bigint>(),
    };
    lrts.lrts.set(c.lrt, lrt);
    lrts.byToken.set(c.token, c.lrt);
    // The stored price is informational only (the 1:1 price at creation): assetPrice derives it from NAV.
    const price: Rational = lrtTokenPrice(state, lrt);
    state.assets.set(c.token, { id: c.token, decimals: lrtTokenDecimals, kind: 'lrt', price });
    return ok({ lrt: c.lrt, token: c.token, depth, stakers });
  },
});
