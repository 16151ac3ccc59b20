import { WAD, mulWad } from '../../math/wad.js';
import { beaconFactorOf, isNativeVault } from '../native/slashingFactor.js';
import { valueAt } from '../state/snapshots.js';
import type { LedgerState, Withdrawal } from '../state/state.js';

/** Last block at which a queued withdrawal can still be slashed (inclusive). */
export function slashableUntil(state: LedgerState, w: Withdrawal): number {
  return w.startBlock + state.config.withdrawalDelayBlocks;
}

/**
 * Shares a withdrawal pays: `mulWad(q, m)` with m the operator's maxMagnitude at the end of the
 * slashable window (read from history; today's value while the window is still open); for the
 * native vault `mulWad(q, mulWad(m, l))`.
 */
export function withdrawalShares(state: LedgerState, w: Withdrawal): bigint {
  const ov = w.operator === null ? undefined : state.operators.get(w.operator)?.vaults.get(w.vault);
  const m = ov ? valueAt(ov.maxMagnitudeHistory, slashableUntil(state, w), WAD) : WAD;
  if (isNativeVault(state, w.vault)) {
    // EigenLayer _getSlashingFactorsAtBlock: historical m times the pod owner's l *now*, so a
    // beacon-chain slash while the withdrawal is queued (or later) lowers what it pays
    return mulWad(w.scaledShares, mulWad(m, beaconFactorOf(state, w.staker, w.vault)));
  }
  if (w.operator === null) return w.scaledShares;
  return mulWad(w.scaledShares, m);
}
