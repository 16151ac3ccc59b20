import { assert } from '../../errors/result.js';
import { addTo } from '../state/lookups.js';
import { beaconFactorOf } from '../native/slashingFactor.js';
import type { LedgerState } from '../state/state.js';
import { accrued, checkpointKey, rewardPool, stakerWeight } from './rewardPools.js';
import type { RewardState, StakerRewards } from './rewardState.js';

/**
 * Hook: the first call of the mutation phase of every command that changes a staker's deposit
 * shares, scaling factor, beacon-chain slashing factor or delegation (deposit, delegate, undelegate,
 * queueWithdrawal, beaconChainSlash).
 *
 * 1. re-reads the weights of the staker hooked before (its command has finished), so pools
 *    always hold current weights when anything reads them;
 * 2. settles this staker's accrued rewards against its recorded weights (checkpoint := acc);
 * 3. marks this staker to be re-read the same way at the next hook, distribution or claim.
 * Between 3 and the re-read no distribution happens, so nothing accrues to stale weights.
 * O(vaults of the two stakers × reward assets): independent of the number of stakers.
 */
export function settleStakerRewards(state: LedgerState, staker: string): void {
  syncPendingStaker(state);
  const rec = state.rewards.stakers.get(staker);
  if (rec) settleStaker(state.rewards, rec);
  state.rewards.pendingSync = staker;
}

/** Moves every accrued reward of a staker into `owed` and advances its checkpoints. */
export function settleStaker(r: RewardState, rec: StakerRewards): void {
  if (rec.operator === null) return;
  for (const [vault, weight] of rec.weights) {
    const pool = r.pools.get(rec.operator)?.get(vault);
    assert(pool, 'a recorded weight has its pool');
    for (const [asset, acc] of pool.acc) {
      const key = checkpointKey(vault, asset);
      const cp = rec.checkpoints?.get(key) ?? 0n;
      if (acc === cp) continue;
      const earned = accrued(weight, acc, cp);
      if (earned > 0n) addTo((rec.owed ??= new Map()), asset, earned);
      (rec.checkpoints ??= new Map()).set(key, acc);
    }
  }
}

/**
 * Re-reads the weights of the staker marked by the last hook from its positions: its old
 * weights leave their pools (they were settled by the hook), its current scaled shares join the
 * pools of the operator it is delegated to now, with checkpoints at today's accumulators.
 */
export function syncPendingStaker(state: LedgerState): void {
  const r = state.rewards;
  const id = r.pendingSync;
  if (id === null) return;
  r.pendingSync = null;
  let rec = r.stakers.get(id);
  if (rec && rec.operator !== null) {
    for (const [vault, w] of rec.weights) rewardPool(r, rec.operator, vault).totalWeight -= w;
  }
  rec?.weights.clear();
  if (rec) rec.checkpoints = null;
  const staker = state.stakers.get(id);
  const operator = staker?.delegatedTo ?? null;
  if (rec) rec.operator = operator;
  if (!staker || operator === null) return;
  for (const [vault, pos] of staker.positions) {
    const w = stakerWeight(pos, beaconFactorOf(state, id, vault));
    if (w === 0n) continue;
    if (!rec) {
      rec = { operator, weights: new Map(), checkpoints: null, owed: null };
      r.stakers.set(id, rec);
    }
    const pool = rewardPool(r, operator, vault);
    pool.totalWeight += w;
    rec.weights.set(vault, w);
    for (const [asset, acc] of pool.acc) (rec.checkpoints ??= new Map()).set(checkpointKey(vault, asset), acc);
  }
}
