import { blockMax } from '../../core/state/bounds.js';
import type { LedgerState } from '../../core/state/state.js';

/**
 * Blocks the server's own `advance` must move before the next command (SPEC §9 block clock):
 * the ledger block follows wall-clock time since genesis, one block per `blockTimeS`. Nothing
 * while the log is empty, so `configure` can still be its first command; nothing when the
 * ledger is already ahead (an admin advanced it) or the clock is off (blockTimeS ≤ 0).
 */
export function clockBlocksDue(state: LedgerState, nowMs: number, genesisMs: number, blockTimeS: number): number {
  if (!(blockTimeS > 0) || state.applied === 0 || !Number.isFinite(nowMs)) return 0;
  const target = Math.min(Math.floor((nowMs - genesisMs) / (blockTimeS * 1000)), blockMax);
  return Math.max(0, target - state.block);
}
