import { assert } from '../../errors/result.js';
import { mulDiv } from '../../math/mulDiv.js';
import { WAD, mulWadRoundUp } from '../../math/wad.js';
import { addTo, nested, operatorVault } from '../state/lookups.js';
import { pushSnapshot } from '../state/snapshots.js';
import { queuedInWindow } from '../shares/queuedInWindow.js';
import { queuedSlash } from '../shares/queuedSlash.js';
import { isNativeVault } from '../native/slashingFactor.js';
import { hasLoweredFactor, nativeSharesOwed } from '../native/nativeSharesOwed.js';
import type { LedgerState, Operator, OperatorVault } from '../state/state.js';

export interface VaultSlash {
  readonly vault: string;
  readonly slashedMagnitude: bigint;
  readonly slashedShares: bigint;
  /** The part of slashedShares taken from the operator's (delegated, not queued) shares. */
  readonly fromOperator: bigint;
  readonly prevMaxMagnitude: bigint;
}

/**
 * Slashes one vault of an operator's allocation to a set by `wad` (SPEC §3.3, EigenLayer
 * `slashOperator` + `slashOperatorShares`). O(1) in the number of stakers: it lowers the
 * operator's maxMagnitude, which every staker's withdrawable shares read. Preconditions
 * (slasher, slashability, wad range, vault in set) are checked by the caller.
 */
export function slashVault(state: LedgerState, op: Operator, set: string, vault: string, wad: bigint): VaultSlash {
  const a = op.allocations.get(set)?.get(vault);
  if (!a || a.current === 0n) {
    const m = op.vaults.get(vault)?.maxMagnitude ?? WAD;
    return { vault, slashedMagnitude: 0n, slashedShares: 0n, fromOperator: 0n, prevMaxMagnitude: m };
  }
  const ov = operatorVault(op, vault);
  const slashedMagnitude = mulWadRoundUp(a.current, wad);
  const prevMax = ov.maxMagnitude;
  a.current -= slashedMagnitude;
  ov.maxMagnitude -= slashedMagnitude;
  ov.encumbered -= slashedMagnitude;
  if (a.pending < 0n) a.pending += mulWadRoundUp(-a.pending, wad);
  if (op.mode === 'elastic') clampElastic(op, vault, ov);
  pushSnapshot(ov.maxMagnitudeHistory, state.block, ov.maxMagnitude);

  // Operator shares remaining round up (EigenLayer calcSlashedAmount); the queue's slashed part is
  // summed per withdrawal (queuedSlash.ts), each rounded down, so it never exceeds what the
  // withdrawals lose; the units left over stay in the vault, unowned.
  const remaining = keptShares(state, op.id, vault, mulDiv(ov.shares, ov.maxMagnitude, prevMax, 'up'), ov.shares);
  const fromOperator = ov.shares - remaining;
  ov.shares = remaining;
  const fromQueue = queuedInWindow(state, ov) === 0n ? 0n : queuedSlash(state, op.id, vault, prevMax, ov.maxMagnitude);
  const slashedShares = fromOperator + fromQueue;
  addTo(nested(state.slashed, set), vault, slashedShares);
  addTo(nested(state.unclearedSlashed, set), vault, slashedShares);
  assert(a.current >= 0n && ov.maxMagnitude >= 0n && ov.encumbered >= 0n, 'slash keeps magnitudes non-negative');
  return { vault, slashedMagnitude, slashedShares, fromOperator, prevMaxMagnitude: prevMax };
}

/**
 * The operator shares a slash leaves: EigenLayer's `remaining` (rounded up), except in the native
 * vault when that is below what the operator's stakers can still withdraw (nativeSharesOwed.ts):
 * then exactly what they own, so operator shares ≥ Σ withdrawable and the vault's claims stay
 * covered. The slash takes at most one slashing-factor quantum per staker less than EigenLayer's.
 */
function keptShares(state: LedgerState, operator: string, vault: string, remaining: bigint, shares: bigint): bigint {
  if (!isNativeVault(state, vault) || !hasLoweredFactor(state, operator)) return remaining;
  const owed = nativeSharesOwed(state, operator, vault);
  assert(owed <= shares, 'operator shares covered its stakers before the slash');
  return owed > remaining ? owed : remaining;
}

/**
 * Elastic mode (SPEC §3.2): after a slash no allocation of this operator and vault may exceed
 * maxMagnitude. A pending change is a target (current + pending): it keeps landing at
 * min(target, maxMagnitude), so when `current` is clamped the pending difference is recomputed
 * from the target, never carried over as a stale difference (which would land a decrease below
 * what the operator asked for). The slashed set itself cannot exceed the new maximum, so its
 * pending decrease keeps EigenLayer's proportional cut done by the caller.
 */
function clampElastic(op: Operator, vault: string, ov: OperatorVault): void {
  for (const bySet of op.allocations.values()) {
    const other = bySet.get(vault);
    if (!other) continue;
    const target = other.current + other.pending;
    const landing = target < ov.maxMagnitude ? target : ov.maxMagnitude;
    // encumbered counts current plus a pending increase (a decrease frees nothing until it lands)
    const encumberedBefore = other.current + (other.pending > 0n ? other.pending : 0n);
    if (other.current > ov.maxMagnitude) other.current = ov.maxMagnitude;
    other.pending = landing - other.current;
    ov.encumbered -= encumberedBefore - (other.current + (other.pending > 0n ? other.pending : 0n));
  }
}
