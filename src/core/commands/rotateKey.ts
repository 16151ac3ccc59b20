import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { rotateOperatorKey } from '../conditions/keyRegistry.js';
import { getOperator } from '../state/entities.js';
import { parseKeyCommand, type KeyCommand } from './registerKey.js';

/**
 * Schedules a new signing key: it takes effect `keyRotationDelayBlocks` later; until then the
 * old key stays valid. Evidence is checked against the key valid at the signed height.
 */
export const rotateKey = defineCommand<KeyCommand>({
  type: 'rotateKey',
  parse: parseKeyCommand,
  execute(state, c) {
    getOperator(state, c.operator);
    const r = rotateOperatorKey(state.conditions, state.block, c.operator, c.scheme, c.publicKey);
    if (!r.ok) return r;
    return ok({ operator: c.operator, scheme: c.scheme, publicKey: c.publicKey, fromBlock: r.value.fromBlock });
  },
});
