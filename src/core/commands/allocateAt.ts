import { ok } from '../../errors/result.js';
import { checkAllocationChange, checkAllocationTarget, modifyAllocation } from '../allocation/modifyAllocation.js';
import { blockMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqId, reqInt, reqWad } from '../log/fields.js';
import { check } from '../need.js';

interface AllocateAt {
  operator: string;
  set: string;
  vault: string;
  magnitude: bigint;
  effectBlock: number;
}

/**
 * `allocate` with the effect block given instead of derived from the operator's delay: a chain
 * fact (EigenLayer `AllocationUpdated(operator, set, strategy, magnitude, effectBlock)`) replayed
 * to the block, whatever delays the chain used. Same bookkeeping as `allocate`: an increase is
 * encumbered at once, a decrease frees its magnitude at its effect block; an effect block that
 * is already here settles at once (EigenLayer's deallocation of a non-slashable allocation).
 */
export const allocateAt = defineCommand<AllocateAt>({
  type: 'allocateAt',
  parse: (raw) => ({
    operator: reqId(raw, 'operator'),
    set: reqId(raw, 'set'),
    vault: reqId(raw, 'vault'),
    magnitude: reqWad(raw, 'magnitude'),
    effectBlock: reqInt(raw, 'effectBlock', 0, blockMax),
  }),
  execute(state, c) {
    const op = checkAllocationTarget(state, c);
    check(c.effectBlock >= state.block, 'EFFECT_BLOCK_PAST', `effect block ${c.effectBlock} < block ${state.block}`);
    const diff = checkAllocationChange(op, c);
    modifyAllocation(state, op, c, diff, c.effectBlock);
    return ok({ effectBlock: c.effectBlock });
  },
});
