import { WAD, mulWad } from '../../math/wad.js';
import { valueAt } from '../state/snapshots.js';
import type { LedgerState, Withdrawal } from '../state/state.js';

/** Last block at which a queued withdrawal can still be slashed (inclusive). */
export function slashableUntil(state: LedgerState, w: Withdrawal): number {
  return w.startBlock + state.config.withdrawalDelayBlocks;
}

/**
 * Shares a withdrawal pays: `mulWad(q, m)` with m the operator's maxMagnitude at the end of the
 * slashable window (read from history; today's value while the window is still open).
 */
export function withdrawalShares(state: LedgerState, w: Withdrawal): bigint {
  if (w.operator === null) return w.scaledShares;
  const ov = state.operators.get(w.operator)?.vaults.get(w.vault);
  const m = ov ? valueAt(ov.maxMagnitudeHistory, slashableUntil(state, w), WAD) : WAD;
  return mulWad(w.scaledShares, m);
}
