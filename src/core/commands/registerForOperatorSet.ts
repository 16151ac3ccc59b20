import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { getOperator, getSet } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { check } from '../need.js';

/** Joins a set. A deregistered operator may rejoin only once its slashable window has passed. */
export const registerForOperatorSet = defineCommand<{ operator: string; set: string }>({
  type: 'registerForOperatorSet',
  parse: (raw) => ({ operator: reqId(raw, 'operator'), set: reqId(raw, 'set') }),
  execute(state, c) {
    const op = getOperator(state, c.operator);
    const set = getSet(state, c.set);
    const reg = op.registrations.get(c.set);
    check(!reg || (!reg.registered && state.block > reg.slashableUntil), 'ALREADY_REGISTERED', `${c.operator} in ${c.set}`);
    op.registrations.set(c.set, { registered: true, slashableUntil: reg?.slashableUntil ?? -1 });
    set.operators.add(c.operator);
    return ok({});
  },
});
