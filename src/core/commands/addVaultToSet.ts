import { ok } from '../../errors/result.js';
import { vaultsPerSetMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getSet, getVault } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { check } from '../need.js';

/**
 * Adds a vault to an existing operator set (EigenLayer `addStrategiesToOperatorSet`,
 * `StrategyAddedToOperatorSet`). Operators allocate to it afterwards; nothing else changes.
 */
export const addVaultToSet = defineCommand<{ set: string; vault: string }>({
  type: 'addVaultToSet',
  parse: (raw) => ({ set: reqId(raw, 'set'), vault: reqId(raw, 'vault') }),
  execute(state, c) {
    const set = getSet(state, c.set);
    getVault(state, c.vault);
    check(!set.vaults.includes(c.vault), 'VAULT_IN_SET', `${c.vault} in ${c.set}`);
    check(set.vaults.length < vaultsPerSetMax, 'BOUND_EXCEEDED', `vaultsPerSetMax ${vaultsPerSetMax}`);
    state.sets.set(c.set, { ...set, vaults: [...set.vaults, c.vault] });
    return ok({});
  },
});
