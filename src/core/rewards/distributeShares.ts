import { mulDiv } from '../../math/mulDiv.js';
import { addTo, nested } from '../state/lookups.js';
import type { LedgerState } from '../state/state.js';
import type { RewardShare } from './apportionReward.js';
import { rewardPool } from './rewardPools.js';
import { rewardExactWeightMax } from './rewardBounds.js';
import { rewardAccScale } from './rewardState.js';
import { syncPendingStaker } from './settleStakerRewards.js';

/**
 * Mutation phase of submitRewards: commission to each operator, staker part into the pool
 * accumulator of (operator, vault): `acc += ceil(stakerPart × rewardAccScale / totalWeight)`.
 * Rounding up (not down) is what makes a whole-unit share exact: a staker's floor(w × Δacc / scale)
 * is then never below its exact share, and above it by far less than a unit (rewardState.ts);
 * past rewardExactWeightMax it rounds down, to keep the total excess below one unit.
 * A staker part whose pool has no weight is returned (the caller records it as dust).
 * O(pairs): independent of the number of stakers.
 */
export function distributeShares(state: LedgerState, asset: string, shares: readonly RewardShare[]): bigint {
  const r = state.rewards;
  syncPendingStaker(state);
  let unallocated = 0n;
  for (const s of shares) {
    if (s.commission > 0n) addTo(nested(r.commission, s.operator), asset, s.commission);
    if (s.stakerPart === 0n) continue;
    const pool = rewardPool(r, s.operator, s.vault);
    if (pool.totalWeight === 0n) {
      unallocated += s.stakerPart;
      continue;
    }
    const rounding = pool.totalWeight <= rewardExactWeightMax ? 'up' : 'down';
    addTo(pool.acc, asset, mulDiv(s.stakerPart, rewardAccScale, pool.totalWeight, rounding));
  }
  return unallocated;
}
