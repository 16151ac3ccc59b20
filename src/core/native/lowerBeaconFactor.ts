import { assert } from '../../errors/result.js';
import { mulWad } from '../../math/wad.js';
import { settleStakerRewards } from '../rewards/settleStakerRewards.js';
import { withdrawableShares } from '../shares/stakerMath.js';
import { maxMagnitudeOf } from '../state/lookups.js';
import type { LedgerState, NativeState } from '../state/state.js';

/**
 * Sets a pod owner's beacon-chain slashing factor to `next` (≤ its current l; the caller checked)
 * and takes what that removes off its operator (EigenLayer `EigenPodManager._reduceSlashingFactor`
 * then `DelegationManager.decreaseDelegatedShares`):
 *   removed = mulWad(mulWad(s, k), mulWad(m, l − next))   (down, down, down)
 * Nothing else is written: deposit shares and k stay, the lower l is read by every withdrawable
 * share, queued withdrawal and reward weight of the staker in the native vault. Mutation phase
 * only. Returns the operator shares removed.
 */
export function lowerBeaconFactor(state: LedgerState, native: NativeState, stakerId: string, next: bigint): bigint {
  const prev = native.factors.get(stakerId) ?? 10n ** 18n;
  assert(next >= 0n && next <= prev, 'the beacon-chain slashing factor only falls');
  settleStakerRewards(state, stakerId); // the reward weight reads l
  native.factors.set(stakerId, next);
  const staker = state.stakers.get(stakerId);
  const pos = staker?.positions.get(native.vault);
  const operator = staker?.delegatedTo ?? null;
  if (!pos || operator === null) return 0n;
  const ov = state.operators.get(operator)?.vaults.get(native.vault);
  if (!ov) return 0n;
  const removed = withdrawableShares(pos, mulWad(maxMagnitudeOf(state, operator, native.vault), prev - next));
  ov.shares -= removed;
  assert(ov.shares >= 0n, 'operator shares cover a beacon-chain slash of one of its stakers');
  return removed;
}
