import { ok } from '../../errors/result.js';
import { delayBlocksMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getOperator } from '../state/entities.js';
import { reqId, reqInt } from '../log/fields.js';

/** Changes the allocation delay; effective after allocationConfigurationDelayBlocks + 1 (EigenLayer). */
export const setAllocationDelay = defineCommand<{ operator: string; delay: number }>({
  type: 'setAllocationDelay',
  parse: (raw) => ({ operator: reqId(raw, 'operator'), delay: reqInt(raw, 'delay', 0, delayBlocksMax) }),
  execute(state, c) {
    const op = getOperator(state, c.operator);
    const effectBlock = state.block + state.config.allocationConfigurationDelayBlocks + 1;
    op.pendingAllocationDelay = { delay: c.delay, effectBlock };
    return ok({ effectBlock });
  },
});
