import { WAD, mulWad } from '../../math/wad.js';
import { beaconFactorOf, isNativeVault } from '../native/slashingFactor.js';
import { slashableUntil } from './withdrawalShares.js';
import { withdrawalsOf } from './withdrawalIndex.js';
import type { LedgerState } from '../state/state.js';

/**
 * The slashed part of an operator's still-slashable queued withdrawals in one vault when its
 * maxMagnitude falls from `prevMax` to `newMax`. A queued withdrawal pays `mulWad(q, f)`
 * (withdrawalShares.ts) with f = m, or m·l in the native vault (EigenLayer
 * `_getSlashingFactorsAtBlock`: m times the pod owner's current l). Each one is slashed by
 * EigenLayer's `scaleForBurning` applied to the factor it is read with:
 * `mulWad(q, mulWad(prevMax, l) − mulWad(newMax, l))` (down, down, down; l = WAD outside the
 * native vault). That never exceeds the drop of its value, `mulWad(q, f) − mulWad(q, f')`, so the
 * vault stays conserved; at most one unit per withdrawal stays in the vault, unowned.
 *
 * EigenLayer burns the aggregate `mulWad(Q, prevMax − newMax)` (`_getSlashableSharesInQueue`).
 * Rounded once over the sum it can exceed the sum of the withdrawals' drops (each rounds down on
 * its own) by up to one unit per withdrawal; EigenLayer only counts that figure as burnable, but
 * this ledger pays slashed shares out of the vault, so the aggregate would let the vault owe more
 * than it holds (found by the ledger property test). In the native vault l differs per pod owner,
 * so the aggregate is wrong by more than rounding there. O(this operator's withdrawals in the vault
 * still in their window) through a derived index (withdrawalIndex.ts), and only when some of the
 * vault's queue is still slashable.
 */
export function queuedSlash(state: LedgerState, operator: string, vault: string, prevMax: bigint, newMax: bigint): bigint {
  const native = isNativeVault(state, vault);
  const plain = prevMax - newMax;
  let slashed = 0n;
  const queued = withdrawalsOf(state, operator, vault);
  // newest first; once one is past its slashable window, every older one is too
  for (let i = queued.length - 1; i >= 0; i--) {
    const w = queued[i]!;
    if (state.block > slashableUntil(state, w)) break;
    if (w.completed) continue;
    const l = native ? beaconFactorOf(state, w.staker, vault) : WAD;
    slashed += mulWad(w.scaledShares, l === WAD ? plain : mulWad(prevMax, l) - mulWad(newMax, l));
  }
  return slashed;
}
