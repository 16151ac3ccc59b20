import { assert } from '../../errors/result.js';
import { nested, operatorVault } from '../state/lookups.js';
import type { Allocation, LedgerState, Operator } from '../state/state.js';

/** The allocation of (operator, set, vault); a fresh zero record when there is none yet. */
export function allocationOf(op: Operator, set: string, vault: string): Allocation {
  return op.allocations.get(set)?.get(vault) ?? { current: 0n, pending: 0n, effectBlock: null };
}

export function allocationRecord(op: Operator, set: string, vault: string): Allocation {
  const bySet = nested(op.allocations, set);
  let a = bySet.get(vault);
  if (!a) {
    a = { current: 0n, pending: 0n, effectBlock: null };
    bySet.set(vault, a);
  }
  return a;
}

/**
 * Completes a pending change whose effect block has come (EigenLayer `_updateAllocationInfo`):
 * an increase was encumbered when scheduled; a decrease frees its magnitude only now.
 */
export function settleAllocation(state: LedgerState, op: Operator, set: string, vault: string): void {
  const a = op.allocations.get(set)?.get(vault);
  if (!a || a.effectBlock === null || a.effectBlock > state.block) return;
  a.current += a.pending;
  if (a.pending < 0n) operatorVault(op, vault).encumbered += a.pending;
  a.pending = 0n;
  a.effectBlock = null;
  assert(a.current >= 0n, 'allocation current magnitude is non-negative');
}

/** Settles every pending allocation change due at the current block; keeps the rest queued. */
export function settleDueAllocations(state: LedgerState): void {
  if (state.pendingAllocations.length === 0) return;
  const still = [];
  for (const p of state.pendingAllocations) {
    if (p.effectBlock > state.block) {
      still.push(p);
      continue;
    }
    const op = state.operators.get(p.operator);
    assert(op, 'pending allocation names a known operator');
    settleAllocation(state, op, p.set, p.vault);
  }
  state.pendingAllocations = still;
}
