import { mulDiv } from '../../math/mulDiv.js';
import { WAD, mulWad } from '../../math/wad.js';
import { maxMagnitudeOf } from '../state/lookups.js';
import { raiseSince } from '../state/snapshots.js';
import type { LedgerState, OperatorVault, SlashRequest, Withdrawal } from '../state/state.js';
import { slashableUntil } from '../shares/withdrawalShares.js';

/*
 * Late stake that joined an operator after a veto request and then left through the withdrawal
 * queue before the execution (SPEC §3.4: it does not pay either). The queue is slashed as one
 * aggregate, so the withdrawals are found by staker and given back their late part by raising
 * their scaled shares `q` after the slash, as lateStake.ts does with scaling factors.
 */

export interface LateQueued {
  readonly withdrawal: Withdrawal;
  /** Late shares in this withdrawal, valued now. */
  readonly shares: bigint;
  /** The withdrawal's whole value now, `mulWad(q, m)`. */
  readonly value: bigint;
}

/**
 * Withdrawals of (operator, vault) queued at or after the request block and still slashable that
 * hold the late value each staker no longer has delegated (`excess`), oldest first. O(withdrawals),
 * only when some late stake has left.
 */
export function lateQueued(
  state: LedgerState,
  r: SlashRequest,
  vault: string,
  excess: ReadonlyMap<string, bigint>,
): { entries: LateQueued[]; total: bigint } {
  const entries: LateQueued[] = [];
  let total = 0n;
  if (excess.size === 0) return { entries, total };
  const left = new Map(excess);
  const m = maxMagnitudeOf(state, r.operator, vault);
  for (const w of state.withdrawals.values()) {
    const want = left.get(w.staker) ?? 0n;
    if (want === 0n || w.completed || w.operator !== r.operator || w.vault !== vault) continue;
    if (w.startBlock < r.requestBlock || state.block > slashableUntil(state, w)) continue;
    const value = mulWad(w.scaledShares, m);
    const shares = value < want ? value : want;
    if (shares === 0n) continue;
    left.set(w.staker, want - shares);
    entries.push({ withdrawal: w, shares, value });
    total += shares;
  }
  return { entries, total };
}

/**
 * After a slash from `prevMax` to `newMax`, raises each withdrawal's `q` (and the operator vault's
 * queue history from the withdrawal's start on) so its late part keeps all its shares (its old part keeps `floor(old · newMax / prevMax)`), never more, at most `budget`
 * (the queue part of the slash) in all. Returns the shares given back.
 */
export function restoreLateQueued(
  entries: readonly LateQueued[],
  ov: OperatorVault,
  prevMax: bigint,
  newMax: bigint,
  budget: bigint,
): bigint {
  if (newMax === 0n) return 0n;
  let left = budget;
  for (const e of entries) {
    const w = e.withdrawal;
    const after = mulWad(w.scaledShares, newMax);
    const due = mulDiv(e.value - e.shares, newMax, prevMax, 'down') + e.shares - after;
    const credit = due < left ? due : left;
    if (credit <= 0n) continue;
    const target = after + credit;
    const up = mulDiv(target, WAD, newMax, 'up');
    const q = mulWad(up, newMax) <= target ? up : mulDiv(target, WAD, newMax, 'down');
    if (q <= w.scaledShares) continue;
    // the queue's history is the slashable aggregate: it must count the raised q from its start on,
    // or a later slash would burn (and a later execution give back) too little of this withdrawal
    raiseSince(ov.queuedHistory, w.startBlock, q - w.scaledShares);
    w.scaledShares = q;
    left -= mulWad(q, newMax) - after;
  }
  return budget - left;
}
