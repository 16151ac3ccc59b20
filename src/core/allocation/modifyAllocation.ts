import { WAD } from '../../math/wad.js';
import { allocationOf, allocationRecord, settleAllocation } from './allocations.js';
import { getOperator, getSet } from '../state/entities.js';
import { operatorVault } from '../state/lookups.js';
import { check } from '../need.js';
import type { LedgerState, Operator } from '../state/state.js';

/** A new target magnitude for one (operator, set, vault), as `allocate` and `allocateAt` take it. */
export interface AllocationChange {
  readonly operator: string;
  readonly set: string;
  readonly vault: string;
  readonly magnitude: bigint;
}

/** The operator, after checking that the set holds the vault and the magnitude is at most WAD. */
export function checkAllocationTarget(state: LedgerState, c: AllocationChange): Operator {
  const op = getOperator(state, c.operator);
  const set = getSet(state, c.set);
  check(set.vaults.includes(c.vault), 'VAULT_NOT_IN_SET', `${c.vault} in ${c.set}`);
  check(c.magnitude <= WAD, 'MAGNITUDE_TOO_LARGE');
  return op;
}

/**
 * The change in magnitude (new − current), after checking that nothing is pending, that it is a
 * change, and that an increase fits: unique mode against the vault's unencumbered magnitude,
 * elastic mode against maxMagnitude for this set alone (SPEC §3.2).
 */
export function checkAllocationChange(op: Operator, c: AllocationChange): bigint {
  const a = allocationOf(op, c.set, c.vault);
  check(a.effectBlock === null, 'MODIFICATION_PENDING', `effect block ${a.effectBlock}`);
  check(c.magnitude !== a.current, 'SAME_MAGNITUDE');
  const ov = op.vaults.get(c.vault);
  const maxMagnitude = ov?.maxMagnitude ?? WAD;
  const diff = c.magnitude - a.current;
  if (diff > 0n) {
    const room = op.mode === 'unique' ? maxMagnitude - (ov?.encumbered ?? 0n) : maxMagnitude - a.current;
    check(diff <= room, 'INSUFFICIENT_MAGNITUDE', `${room} available`);
  }
  return diff;
}

/**
 * Records a checked change landing at `effectBlock`: an increase is encumbered at once, a decrease
 * frees its magnitude when it lands; an effect block already here settles at once.
 */
export function modifyAllocation(state: LedgerState, op: Operator, c: AllocationChange, diff: bigint, effectBlock: number): void {
  const record = allocationRecord(op, c.set, c.vault);
  if (diff > 0n) operatorVault(op, c.vault).encumbered += diff;
  record.pending = diff;
  record.effectBlock = effectBlock;
  if (effectBlock <= state.block) settleAllocation(state, op, c.set, c.vault);
  else state.pendingAllocations.push({ operator: c.operator, set: c.set, vault: c.vault, effectBlock });
}
