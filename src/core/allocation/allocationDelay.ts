import type { Operator } from '../state/state.js';

/** The operator's allocation delay in effect at `block` (a change waits for its effect block). */
export function allocationDelayAt(op: Operator, block: number): number {
  const p = op.pendingAllocationDelay;
  return p !== null && block >= p.effectBlock ? p.delay : op.allocationDelay;
}
