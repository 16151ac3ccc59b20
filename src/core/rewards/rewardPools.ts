import { mulDiv } from '../../math/mulDiv.js';
import { mulWad } from '../../math/wad.js';
import type { StakerPosition } from '../state/state.js';
import { rewardAccScale, type RewardPool, type RewardState, type StakerRewards } from './rewardState.js';

/**
 * A staker's reward weight in a vault: its scaled shares `mulWad(s, k)` (withdrawable =
 * mulWad(weight, m)), times its beacon-chain slashing factor `l` in the native vault (WAD, which
 * leaves the weight as it is, elsewhere): a pod owner slashed on the beacon chain earns on what is left.
 */
export function stakerWeight(pos: StakerPosition, beaconFactor: bigint): bigint {
  return mulWad(mulWad(pos.depositShares, pos.scalingFactor), beaconFactor);
}

/** The pool of (operator, vault), created on first use. */
export function rewardPool(r: RewardState, operator: string, vault: string): RewardPool {
  let byVault = r.pools.get(operator);
  if (!byVault) {
    byVault = new Map();
    r.pools.set(operator, byVault);
  }
  let pool = byVault.get(vault);
  if (!pool) {
    pool = { totalWeight: 0n, acc: new Map() };
    byVault.set(vault, pool);
  }
  return pool;
}

/** Key of a staker checkpoint. */
export function checkpointKey(vault: string, asset: string): string {
  return `${vault}\u0000${asset}`;
}

/** Reward earned since the checkpoint: `floor(weight × (acc − checkpoint) / rewardAccScale)`. */
export function accrued(weight: bigint, acc: bigint, checkpoint: bigint): bigint {
  return mulDiv(weight, acc - checkpoint, rewardAccScale, 'down');
}

/**
 * Settled plus unsettled reward of a staker in `asset`, without touching state (checking phase,
 * views, invariants). Unsettled = Σ over its recorded vaults of accrued(weight, acc, checkpoint).
 */
export function stakerClaimable(r: RewardState, rec: StakerRewards, asset: string): bigint {
  let total = rec.owed?.get(asset) ?? 0n;
  if (rec.operator === null) return total;
  const pools = r.pools.get(rec.operator);
  for (const [vault, weight] of rec.weights) {
    const acc = pools?.get(vault)?.acc.get(asset) ?? 0n;
    total += accrued(weight, acc, rec.checkpoints?.get(checkpointKey(vault, asset)) ?? 0n);
  }
  return total;
}

/** Assets with any reward (owed or accruing) for a staker record. */
export function stakerRewardAssets(r: RewardState, rec: StakerRewards): Set<string> {
  const assets = new Set(rec.owed?.keys() ?? []);
  if (rec.operator === null) return assets;
  const pools = r.pools.get(rec.operator);
  for (const vault of rec.weights.keys()) for (const a of pools?.get(vault)?.acc.keys() ?? []) assets.add(a);
  return assets;
}
