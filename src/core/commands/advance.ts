import { ok } from '../../errors/result.js';
import { settleDueAllocations } from '../allocation/allocations.js';
import { blockMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqInt } from '../log/fields.js';
import { check } from '../need.js';

/** Moves the ledger clock; allocation changes that come due take effect. */
export const advance = defineCommand<{ blocks: number }>({
  type: 'advance',
  parse: (raw) => ({ blocks: reqInt(raw, 'blocks', 1, blockMax) }),
  execute(state, c) {
    check(state.block + c.blocks <= blockMax, 'BLOCK_OVERFLOW', `block ${state.block} + ${c.blocks}`);
    state.block += c.blocks;
    settleDueAllocations(state);
    return ok({ block: state.block });
  },
});
