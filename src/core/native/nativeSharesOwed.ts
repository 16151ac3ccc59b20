import { WAD } from '../../math/wad.js';
import { withdrawableShares } from '../shares/stakerMath.js';
import type { LedgerState } from '../state/state.js';
import { slashingFactorOf } from './slashingFactor.js';

/**
 * Σ withdrawable shares, with each staker's beacon-chain factor l, of the stakers delegated to
 * `operator` in the native vault, read at the operator's current maxMagnitude. An operator slash
 * of the native vault keeps at least this many operator shares (slashVault.ts): EigenLayer's
 * slashing factor `mulWad(m, l)` rounds down before it is multiplied in, so a staker's withdrawable
 * shares can fall by up to one quantum (about a / mulWad(m, l) wei) less than the proportional cut
 * EigenLayer takes off the operator, and the operator would then owe more than it holds. O(stakers);
 * only native-vault slashes pay it.
 */
export function nativeSharesOwed(state: LedgerState, operator: string, vault: string): bigint {
  let owed = 0n;
  for (const s of state.stakers.values()) {
    if (s.delegatedTo !== operator) continue;
    const p = s.positions.get(vault);
    if (p) owed += withdrawableShares(p, slashingFactorOf(state, s.id, operator, vault));
  }
  return owed;
}

/**
 * Whether a staker delegated to `operator` has a beacon-chain factor l < WAD. Only such stakers read the
 * rounded `mulWad(m, l)`: with l = WAD the factor is m itself, withdrawable shares are one floor of a
 * product linear in m (as in any vault), and EigenLayer's proportional cut never takes what they own. So
 * a slash scans the stakers (nativeSharesOwed) only when this holds; O(pod owners ever beacon-slashed).
 */
export function hasLoweredFactor(state: LedgerState, operator: string): boolean {
  for (const [staker, l] of state.native?.factors ?? []) {
    if (l < WAD && state.stakers.get(staker)?.delegatedTo === operator) return true;
  }
  return false;
}
