import { ok } from '../../errors/result.js';
import { servicesMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqId } from '../log/fields.js';
import { check } from '../need.js';

export const createService = defineCommand<{ service: string }>({
  type: 'createService',
  parse: (raw) => ({ service: reqId(raw, 'service') }),
  execute(state, c) {
    check(!state.services.has(c.service), 'SERVICE_EXISTS', c.service);
    check(state.services.size < servicesMax, 'BOUND_EXCEEDED', `servicesMax ${servicesMax}`);
    state.services.set(c.service, { id: c.service, sets: [] });
    return ok({ service: c.service });
  },
});
