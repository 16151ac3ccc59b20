import { maxMagnitudeOf } from '../state/lookups.js';
import type { LedgerState } from '../state/state.js';
import { slashableUntil } from '../shares/withdrawalShares.js';
import { coverTargetKey } from './poolMath.js';

/** A covered buyer's withdrawal still slashable by the operator, as it was just before a slash. */
export interface QueuedBefore {
  readonly id: string;
  readonly vault: string;
  /** Scaled shares `q` before the slash (a veto execution may raise `q` afterwards: lateQueued.ts). */
  readonly scaledShares: bigint;
}

/** What the insurance hook needs from just before a slash of (operator, set) (SPEC §3.7). */
export interface SlashBefore {
  /** vault → the operator's maxMagnitude before the slash. */
  readonly magnitudes: ReadonlyMap<string, bigint>;
  /** buyer → its still-slashable withdrawals from the operator in the slashed vaults. */
  readonly queued: ReadonlyMap<string, readonly QueuedBefore[]>;
}

/**
 * Reads the operator's maxMagnitude per vault and, only when (operator, set) has cover in force,
 * the covered buyers' withdrawals queued from the operator within the slashable window. The scan
 * is O(withdrawals), paid only by covered slashes: the ledger keeps no per-staker index of
 * withdrawals (it would change every state hash for one hook).
 */
export function slashBefore(state: LedgerState, set: string, operator: string, vaults: Iterable<string>): SlashBefore {
  const magnitudes = new Map<string, bigint>();
  for (const v of vaults) magnitudes.set(v, maxMagnitudeOf(state, operator, v));
  const queued = new Map<string, QueuedBefore[]>();
  const buyers = coveredBuyers(state, set, operator);
  if (buyers.size === 0) return { magnitudes, queued };
  for (const w of state.withdrawals.values()) {
    if (w.completed || w.operator !== operator || !buyers.has(w.staker) || !magnitudes.has(w.vault)) continue;
    if (state.block > slashableUntil(state, w)) continue;
    let list = queued.get(w.staker);
    if (!list) queued.set(w.staker, (list = []));
    list.push({ id: w.id, vault: w.vault, scaledShares: w.scaledShares });
  }
  return { magnitudes, queued };
}

/** Buyers of cover on (operator, set) in force at the current block with cover left. */
function coveredBuyers(state: LedgerState, set: string, operator: string): Set<string> {
  const buyers = new Set<string>();
  for (const id of state.insurance.coversByTarget.get(coverTargetKey(operator, set)) ?? []) {
    const c = state.insurance.covers.get(id);
    if (c && coverInForce(state, c)) buyers.add(c.buyer);
  }
  return buyers;
}

/** A cover claims on a slash at the current block: cover left and the block in its period. */
export function coverInForce(state: LedgerState, c: { remaining: bigint; startBlock: number; endBlock: number }): boolean {
  return c.remaining > 0n && state.block >= c.startBlock && state.block <= c.endBlock;
}
