import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { getOperator, getSet } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { check } from '../need.js';

/** Leaves a set; the operator stays slashable by it for deallocationDelayBlocks (inclusive). */
export const deregisterFromOperatorSet = defineCommand<{ operator: string; set: string }>({
  type: 'deregisterFromOperatorSet',
  parse: (raw) => ({ operator: reqId(raw, 'operator'), set: reqId(raw, 'set') }),
  execute(state, c) {
    const op = getOperator(state, c.operator);
    const set = getSet(state, c.set);
    const reg = op.registrations.get(c.set);
    check(reg?.registered === true, 'NOT_REGISTERED', `${c.operator} in ${c.set}`);
    const slashableUntil = state.block + state.config.deallocationDelayBlocks;
    op.registrations.set(c.set, { registered: false, slashableUntil });
    set.operators.delete(c.operator);
    return ok({ slashableUntil });
  },
});
