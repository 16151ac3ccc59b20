import { valueAt } from '../state/snapshots.js';
import type { LedgerState, OperatorVault } from '../state/state.js';

/** Scaled shares queued for withdrawal within the last withdrawalDelayBlocks (inclusive): still slashable. */
export function queuedInWindow(state: LedgerState, ov: OperatorVault): bigint {
  const latest = ov.queuedHistory[ov.queuedHistory.length - 1]?.value ?? 0n;
  const before = state.block - state.config.withdrawalDelayBlocks - 1;
  return latest - (before < 0 ? 0n : valueAt(ov.queuedHistory, before, 0n));
}
