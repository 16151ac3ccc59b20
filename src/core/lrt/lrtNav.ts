import { maxMagnitudeOf } from '../lookups.js';
import type { LedgerState } from '../state.js';
import { withdrawableShares } from '../stakerMath.js';
import { assetsForShares } from '../vaultMath.js';
import { lrtStakers } from './lrtLookups.js';
import type { Lrt } from './lrtState.js';

/**
 * Net asset value of an LRT in base units of its underlying:
 * NAV = Σ over internal stakers and their vaults of the underlying of
 *       assetsForShares(vault, withdrawableShares) (rounded down) + idle.
 * Slashes lower it by themselves (through the operators' maxMagnitude); withdrawals already
 * queued for redemptions belong to the redeemers and are not counted.
 */
export function lrtNav(state: LedgerState, lrt: Lrt): bigint {
  let nav = lrt.idle;
  for (const id of lrtStakers(lrt)) {
    const staker = state.stakers.get(id);
    if (!staker) continue;
    for (const [vaultId, pos] of staker.positions) {
      const vault = state.vaults.get(vaultId);
      if (!vault || vault.asset !== lrt.asset) continue;
      const a = withdrawableShares(pos, maxMagnitudeOf(state, staker.delegatedTo, vaultId));
      nav += assetsForShares(vault, a);
    }
  }
  return nav;
}
