import { ok } from '../../errors/result.js';
import { closeRequest } from '../slashing/lateStake.js';
import { defineCommand } from '../log/commandSpec.js';
import { getSet } from '../state/entities.js';
import { optId, reqId } from '../log/fields.js';
import { check } from '../need.js';
import { openRequest } from '../slashing/openRequest.js';
import { resolverAt } from '../slashing/resolverAt.js';

/** The resolver cancels a pending request within its veto window (inclusive). */
export const vetoSlash = defineCommand<{ request: string; caller: string | undefined }>({
  type: 'vetoSlash',
  parse: (raw) => ({ request: reqId(raw, 'request'), caller: optId(raw, 'caller') }),
  execute(state, c) {
    const r = openRequest(state, c.request);
    const set = getSet(state, r.set);
    const resolver = resolverAt(set, state.block);
    check(c.caller === undefined || c.caller === resolver, 'NOT_RESOLVER', `${c.caller} is not ${resolver}`);
    const closes = r.requestBlock + set.vetoWindowBlocks;
    check(state.block <= closes, 'VETO_WINDOW_CLOSED', `closed after block ${closes}`);
    r.status = 'vetoed';
    closeRequest(state, r);
    return ok({});
  },
});
