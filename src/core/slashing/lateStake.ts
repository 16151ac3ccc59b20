import { assert } from '../../errors/result.js';
import { mulDiv } from '../../math/mulDiv.js';
import { WAD, divWad, mulWad, mulWadRoundUp } from '../../math/wad.js';
import { addTo, maxMagnitudeOf, nested } from '../state/lookups.js';
import { settleStakerRewards } from '../rewards/settleStakerRewards.js';
import { withdrawableShares } from '../shares/stakerMath.js';
import type { LedgerState, SlashRequest, StakerPosition } from '../state/state.js';

/*
 * Veto requests and stake that arrives after them (SPEC §3.4: "stake delegated or allocated after
 * the request block does not pay for it"). A slash lowers the operator's maxMagnitude, which every
 * staker of that operator and vault reads, so it cannot skip anyone by itself. Instead each request
 * records the shares that join the operator after it (per staker, scaled by the magnitude at
 * arrival); at execution the wad is sized on the stake that was there (so the old stake pays the
 * whole amount) and the late stakers' deposit scaling factors are raised back by what the slash took
 * from their late part. Cost: O(arrivals after the request), only while a request is open.
 */

/** The last block at which a request can still execute. */
export function lastExecutableBlock(state: LedgerState, r: SlashRequest): number {
  const set = state.sets.get(r.set);
  assert(set, 'a request names an existing set');
  return r.requestBlock + set.vetoWindowBlocks + set.executeWindowBlocks;
}

/** Records `added` withdrawable shares of `staker` joining `operator` in `vault` on its open requests. */
export function noteLateStake(state: LedgerState, operator: string, vault: string, staker: string, added: bigint): void {
  const ids = state.openSlashRequests.get(operator);
  if (!ids || added <= 0n) return;
  const m = maxMagnitudeOf(state, operator, vault);
  const keep: string[] = [];
  for (const id of ids) {
    const r = state.slashRequests.get(id);
    assert(r, 'an open request id exists');
    if (r.status !== 'pending' || state.block > lastExecutableBlock(state, r)) continue;
    keep.push(id);
    if (r.captured.has(vault) && m > 0n) addTo(nested(r.late, vault), staker, divWad(added, m));
  }
  if (keep.length > 0) state.openSlashRequests.set(operator, keep);
  else state.openSlashRequests.delete(operator);
}

/** Drops a request that is no longer pending from its operator's open list. */
export function closeRequest(state: LedgerState, r: SlashRequest): void {
  const ids = state.openSlashRequests.get(r.operator)?.filter((id) => id !== r.id);
  if (ids && ids.length > 0) state.openSlashRequests.set(r.operator, ids);
  else state.openSlashRequests.delete(r.operator);
}

export interface LateEntry {
  readonly staker: string;
  readonly pos: StakerPosition;
  /** Late withdrawable shares now: min(recorded late value, the staker's withdrawable shares). */
  readonly shares: bigint;
  /** The staker's withdrawable shares now (before the execution). */
  readonly withdrawable: bigint;
}

export interface LateStake {
  /** Late stake still delegated to the operator. */
  readonly entries: LateEntry[];
  readonly total: bigint;
  /** staker → late value that is no longer delegated (queued out since: lateQueued.ts). */
  readonly excess: Map<string, bigint>;
}

/**
 * The late stake of a request in one vault, valued now (`mulWad(scaled, m)`): the part still
 * delegated to the operator (at most the staker's withdrawable shares; its queued shares are
 * taken as the old ones first) and, per staker, what exceeds it.
 */
export function lateStake(state: LedgerState, r: SlashRequest, vault: string): LateStake {
  const m = maxMagnitudeOf(state, r.operator, vault);
  const entries: LateEntry[] = [];
  const excess = new Map<string, bigint>();
  let total = 0n;
  for (const [id, scaled] of r.late.get(vault) ?? []) {
    const staker = state.stakers.get(id);
    const pos = staker?.positions.get(vault);
    const value = mulWad(scaled, m);
    const w = pos && staker?.delegatedTo === r.operator ? withdrawableShares(pos, m) : 0n;
    const shares = value < w ? value : w;
    if (value > shares) excess.set(id, value - shares);
    if (shares === 0n || !pos) continue;
    entries.push({ staker: id, pos, shares, withdrawable: w });
    total += shares;
  }
  return { entries, total, excess };
}

/**
 * The wad to apply so the stake that was there pays `target` of `old` reachable shares (rounding
 * down). When late stake is present and that wad would take the operator's whole magnitude in the
 * vault, it is cut so that one unit of magnitude (10⁻¹⁸) is left: late stakers can only be given
 * their shares back while the magnitude is above zero; the old stake then keeps at most
 * shares / 10¹⁸ (dust) of what a full slash would take.
 */
export function executionWad(current: bigint, maxMagnitude: bigint, target: bigint, old: bigint, late: bigint): bigint {
  if (old === 0n) return 0n;
  const wad = mulDiv(target, WAD, old, 'down');
  if (late === 0n || maxMagnitude - mulWadRoundUp(current, wad) > 0n) return wad;
  return mulDiv(maxMagnitude - 1n, WAD, current, 'down');
}

/**
 * After a slash from `prevMax` to `newMax`, gives each late staker back what the slash took from its
 * late part (its old part keeps `floor(old · newMax / prevMax)`, its late part all of it), by raising
 * its deposit scaling factor (rounding so nobody gets more than that), at
 * most `budget` shares in all (the operator part of the slash). Returns, per staker given something,
 * the shares restored and its scaled shares `mulWad(s, k)` before the raise (insurance claims read it).
 */
export function restoreLateStake(
  state: LedgerState,
  entries: readonly LateEntry[],
  prevMax: bigint,
  newMax: bigint,
  budget: bigint,
): Map<string, { readonly shares: bigint; readonly scaledBefore: bigint }> {
  const restored = new Map<string, { shares: bigint; scaledBefore: bigint }>();
  if (newMax === 0n) return restored; // nothing left to scale: a full slash of the vault spares no one
  let left = budget;
  for (const e of entries) {
    const after = withdrawableShares(e.pos, newMax);
    const due = mulDiv(e.withdrawable - e.shares, newMax, prevMax, 'down') + e.shares - after;
    const credit = due < left ? due : left;
    if (credit <= 0n || e.pos.depositShares === 0n) continue;
    settleStakerRewards(state, e.staker); // rewards weights follow the scaling factor
    const k = scalingFactorFor(e.pos.depositShares, after + credit, newMax);
    if (k <= e.pos.scalingFactor) continue;
    const scaledBefore = mulWad(e.pos.depositShares, e.pos.scalingFactor);
    e.pos.scalingFactor = k;
    const got = withdrawableShares(e.pos, newMax) - after;
    assert(got >= 0n && got <= credit, 'a late staker gets back at most what it lost');
    left -= got;
    if (got > 0n) restored.set(e.staker, { shares: got, scaledBefore });
  }
  return restored;
}

/** The largest-looking scaling factor k with mulWad(mulWad(s, k), m) ≤ `target`: the rounded-up
 *  solution when it does not overshoot, else the rounded-down one (which never does). */
function scalingFactorFor(s: bigint, target: bigint, m: bigint): bigint {
  const up = mulDiv(target, WAD * WAD, s * m, 'up');
  return mulWad(mulWad(s, up), m) <= target ? up : mulDiv(target, WAD * WAD, s * m, 'down');
}

/**
 * After request `r` gave its late stakers their share back, their late stake did not fall with the
 * magnitude (prevMax → newMax): on the operator's other open requests, where the same stakers are
 * late too (they arrived after `r`, or after an older request), their recorded scaled late shares
 * are raised by prevMax / newMax (rounding down) so that `mulWad(scaled, m)` still values it.
 */
export function rescaleLateElsewhere(state: LedgerState, r: SlashRequest, vault: string, prevMax: bigint, newMax: bigint): void {
  const mine = r.late.get(vault);
  if (!mine || mine.size === 0 || newMax === 0n) return;
  for (const id of state.openSlashRequests.get(r.operator) ?? []) {
    const other = id === r.id ? undefined : state.slashRequests.get(id)?.late.get(vault);
    if (!other) continue;
    for (const staker of mine.keys()) {
      const scaled = other.get(staker);
      if (scaled !== undefined) other.set(staker, mulDiv(scaled, prevMax, newMax, 'down'));
    }
  }
}
