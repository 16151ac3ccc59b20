import { slashingFactorOf } from '../native/slashingFactor.js';
import type { LedgerState, StakerPosition } from '../state/state.js';
import { withdrawableShares } from '../shares/stakerMath.js';
import { assetsForShares } from '../shares/vaultMath.js';
import { lrtStakers } from './lrtLookups.js';
import type { Lrt } from './lrtState.js';

/**
 * A what-if for lrtNav (depositLrt's checking phase): vault totals and LRT staker positions as
 * they would be after planned deposits, plus extra idle. Keys of `positions`: `${staker}\u0000${vault}`.
 */
export interface NavWhatIf {
  readonly vaults: ReadonlyMap<string, { balance: bigint; totalShares: bigint }>;
  readonly positions: ReadonlyMap<string, StakerPosition>;
  readonly idle: bigint;
}

/**
 * Net asset value of an LRT in base units of its underlying:
 * NAV = Σ over internal stakers and their vaults of the underlying of
 *       assetsForShares(vault, withdrawableShares) (rounded down) + idle.
 * Slashes lower it by themselves (through the operators' maxMagnitude); withdrawals already
 * queued for redemptions belong to the redeemers and are not counted.
 */
export function lrtNav(state: LedgerState, lrt: Lrt, whatIf?: NavWhatIf): bigint {
  let nav = lrt.idle + (whatIf?.idle ?? 0n);
  for (const id of lrtStakers(lrt)) {
    const staker = state.stakers.get(id);
    if (!staker) continue;
    const vaults = new Set(staker.positions.keys());
    for (const key of whatIf?.positions.keys() ?? []) if (key.startsWith(`${id}\u0000`)) vaults.add(key.slice(id.length + 1));
    for (const vaultId of vaults) {
      const vault = state.vaults.get(vaultId);
      const pos = whatIf?.positions.get(`${id}\u0000${vaultId}`) ?? staker.positions.get(vaultId);
      if (!vault || !pos || vault.asset !== lrt.asset) continue;
      const a = withdrawableShares(pos, slashingFactorOf(state, id, staker.delegatedTo, vaultId));
      nav += assetsForShares({ ...vault, ...whatIf?.vaults.get(vaultId) }, a);
    }
  }
  return nav;
}
