import { mulWad } from '../../math/wad.js';
import { beaconFactorOf } from './slashingFactor.js';
import { slashableUntil } from '../shares/withdrawalShares.js';
import type { LedgerState } from '../state/state.js';

/**
 * The slashed part of an operator's still-slashable queued withdrawals in the native (pod) vault
 * when its maxMagnitude falls from `prevMax` to `newMax`. A queued pod withdrawal pays
 * `mulWad(q, mulWad(m, l))` (withdrawalShares.ts, EigenLayer `_getSlashingFactorsAtBlock`: m times
 * the pod owner's current l), so each one is slashed by EigenLayer's `scaleForBurning` applied to
 * the factor it is read with: `mulWad(q, mulWad(prevMax, l) − mulWad(newMax, l))` (down, down,
 * down). That never exceeds the drop of its value, `mulWad(q, f) − mulWad(q, f')`, so the vault
 * stays conserved; at most one unit per withdrawal stays in the vault, unowned.
 *
 * The aggregate queue history cannot be used here (EigenLayer's `_getSlashableSharesInQueue`
 * burns `mulWad(Q, prevMax − newMax)`, ignoring l): EigenLayer only counts those beacon-chain
 * shares as burnable, but this ledger pays slashed shares out of the vault, and with l < WAD that
 * figure exceeds what the withdrawals lose — the vault would owe more than it holds. The sum runs
 * per withdrawal because l differs per pod owner and flooring each term keeps Σ ≤ Σ drops.
 * O(withdrawals), only for the native vault and only when some of its queue is slashable.
 */
export function queuedPodSlash(state: LedgerState, operator: string, vault: string, prevMax: bigint, newMax: bigint): bigint {
  let slashed = 0n;
  for (const w of state.withdrawals.values()) {
    if (w.completed || w.operator !== operator || w.vault !== vault || state.block > slashableUntil(state, w)) continue;
    const l = beaconFactorOf(state, w.staker, vault);
    slashed += mulWad(w.scaledShares, mulWad(prevMax, l) - mulWad(newMax, l));
  }
  return slashed;
}
