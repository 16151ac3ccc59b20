import { ok } from '../../errors/result.js';
import { blockMax, delayBlocksMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getOperator } from '../state/entities.js';
import { reqId, reqInt } from '../log/fields.js';
import { check } from '../need.js';

/**
 * `setAllocationDelay` with the effect block given (a chain fact: EigenLayer
 * `AllocationDelaySet(operator, delay, effectBlock)`). A pending delay whose effect block has
 * come is promoted first, as the contract does, so it is not lost when a new one is scheduled.
 */
export const setAllocationDelayAt = defineCommand<{ operator: string; delay: number; effectBlock: number }>({
  type: 'setAllocationDelayAt',
  parse: (raw) => ({
    operator: reqId(raw, 'operator'),
    delay: reqInt(raw, 'delay', 0, delayBlocksMax),
    effectBlock: reqInt(raw, 'effectBlock', 0, blockMax),
  }),
  execute(state, c) {
    const op = getOperator(state, c.operator);
    check(c.effectBlock >= state.block, 'EFFECT_BLOCK_PAST', `effect block ${c.effectBlock} < block ${state.block}`);
    const p = op.pendingAllocationDelay;
    if (p !== null && state.block >= p.effectBlock) op.allocationDelay = p.delay;
    op.pendingAllocationDelay = { delay: c.delay, effectBlock: c.effectBlock };
    return ok({ effectBlock: c.effectBlock });
  },
});
