import { ok } from '../../errors/result.js';
import { delayBlocksMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { reqInt } from '../log/fields.js';
import { check } from '../need.js';

interface ConfigureConditions {
  keyRotationDelayBlocks: number;
}

/** Sets the key rotation delay (SPEC §3.5); only before the first signing key is registered. */
export const configureConditions = defineCommand<ConfigureConditions>({
  type: 'configureConditions',
  parse: (raw) => ({ keyRotationDelayBlocks: reqInt(raw, 'keyRotationDelayBlocks', 0, delayBlocksMax) }),
  execute(state, c) {
    check(state.conditions.keys.size === 0, 'KEYS_ALREADY_REGISTERED');
    state.conditions.keyRotationDelayBlocks = c.keyRotationDelayBlocks;
    return ok({ keyRotationDelayBlocks: c.keyRotationDelayBlocks });
  },
});
