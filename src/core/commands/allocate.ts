import { ok } from '../../errors/result.js';
import { allocationDelayAt } from '../allocation/allocationDelay.js';
import { checkAllocationChange, checkAllocationTarget, modifyAllocation } from '../allocation/modifyAllocation.js';
import { blockMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqId, reqWad } from '../log/fields.js';
import { isSlashable } from '../state/lookups.js';
import { check } from '../need.js';

interface Allocate {
  operator: string;
  set: string;
  vault: string;
  magnitude: bigint;
}

/**
 * Sets the operator's target magnitude for (set, vault) (EigenLayer `modifyAllocations`).
 * Increases wait for the allocation delay and are encumbered at once; decreases of a slashable
 * allocation stay slashable for deallocationDelayBlocks and take effect one block after.
 */
export const allocate = defineCommand<Allocate>({
  type: 'allocate',
  parse: (raw) => ({
    operator: reqId(raw, 'operator'),
    set: reqId(raw, 'set'),
    vault: reqId(raw, 'vault'),
    magnitude: reqWad(raw, 'magnitude'),
  }),
  execute(state, c) {
    const op = checkAllocationTarget(state, c);
    const diff = checkAllocationChange(op, c);
    const slashable = isSlashable(op.registrations.get(c.set), state.block);
    const delay = diff > 0n ? allocationDelayAt(op, state.block) : slashable ? state.config.deallocationDelayBlocks + 1 : 0;
    const effectBlock = state.block + delay;
    check(effectBlock <= blockMax, 'BLOCK_OVERFLOW');
    modifyAllocation(state, op, c, diff, effectBlock);
    return ok({ effectBlock });
  },
});
