import { ok } from '../../errors/result.js';
import { resolverChangeDelayBlocks } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getSet } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { check } from '../need.js';
import { resolverAt } from '../slashing/resolverAt.js';

/** Schedules a new resolver for a veto-mode set; effective after resolverChangeDelayBlocks. */
export const setResolver = defineCommand<{ set: string; resolver: string }>({
  type: 'setResolver',
  parse: (raw) => ({ set: reqId(raw, 'set'), resolver: reqId(raw, 'resolver') }),
  execute(state, c) {
    const set = getSet(state, c.set);
    check(set.slashingMode === 'veto', 'NOT_VETO_SET', c.set);
    set.resolver = resolverAt(set, state.block);
    const effectBlock = state.block + resolverChangeDelayBlocks;
    set.pendingResolver = { resolver: c.resolver, effectBlock };
    return ok({ effectBlock });
  },
});
