import { WAD, mulWad } from '../../math/wad.js';
import { maxMagnitudeOf } from '../state/lookups.js';
import type { LedgerState } from '../state/state.js';

/**
 * EigenLayer's beacon-chain ETH strategy address (lowercase, as ids are in SPEC §11): the id the
 * chain importer gives the native vault. The ledger accepts any id for it.
 */
export const beaconChainEthStrategy = '0xbeac0eeeeeeeeeeeeeeeeeeeeeeeeeeeeeebeac0';

/** Whether `vault` is the ledger's native (EigenPod) vault. */
export function isNativeVault(state: LedgerState, vault: string): boolean {
  return state.native !== undefined && state.native.vault === vault;
}

/**
 * The beacon-chain slashing factor `l` of a staker for a vault: its pod's factor for the native
 * vault (WAD until lowered, EigenPodManager `beaconChainSlashingFactor`), WAD for any other vault.
 */
export function beaconFactorOf(state: LedgerState, staker: string, vault: string): bigint {
  if (!isNativeVault(state, vault)) return WAD;
  return state.native?.factors.get(staker) ?? WAD;
}

/**
 * The slashing factor withdrawable shares are read with (EigenLayer `_getSlashingFactor`): the
 * operator's maxMagnitude `m` (WAD when undelegated) for an ordinary vault, `mulWad(m, l)` (down)
 * for the native vault. Ordinary vaults get `m` itself, so their arithmetic is unchanged.
 */
export function slashingFactorOf(state: LedgerState, staker: string, operator: string | null, vault: string): bigint {
  const m = maxMagnitudeOf(state, operator, vault);
  if (!isNativeVault(state, vault)) return m;
  return mulWad(m, beaconFactorOf(state, staker, vault));
}
