import { defineCommand } from '../log/commandSpec.js';
import { delayBlocksMax } from '../state/bounds.js';
import { optInt } from '../log/fields.js';
import { check } from '../need.js';
import { ok } from '../../errors/result.js';
import type { LedgerConfig } from '../state/state.js';

/** Sets the protocol delays; only as the first command of a log (SPEC §4). */
export const configure = defineCommand<LedgerConfig>({
  type: 'configure',
  parse: (raw) => ({
    withdrawalDelayBlocks: optInt(raw, 'withdrawalDelayBlocks', 0, delayBlocksMax, 100_800),
    deallocationDelayBlocks: optInt(raw, 'deallocationDelayBlocks', 0, delayBlocksMax, 100_800),
    allocationConfigurationDelayBlocks: optInt(raw, 'allocationConfigurationDelayBlocks', 0, delayBlocksMax, 126_000),
  }),
  execute(state, c) {
    check(state.applied === 0, 'CONFIGURE_NOT_FIRST');
    state.config = { ...c };
    return ok({});
  },
});
