import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { getSet, getVault } from '../state/entities.js';
import { optId, reqId } from '../log/fields.js';
import { addTo, nested } from '../state/lookups.js';
import { check } from '../need.js';
import { assetsForShares } from '../shares/vaultMath.js';

/**
 * Permissionless: turns a set's slashed shares of a vault (every vault when none is named) into
 * assets and sends them to the set's redistribution target (burned, or paid to an account).
 */
export const clearSlashed = defineCommand<{ set: string; vault: string | undefined }>({
  type: 'clearSlashed',
  parse: (raw) => ({ set: reqId(raw, 'set'), vault: optId(raw, 'vault') }),
  execute(state, c) {
    const set = getSet(state, c.set);
    if (c.vault !== undefined) getVault(state, c.vault);
    const pending = state.unclearedSlashed.get(c.set);
    const vaults = [...(pending?.entries() ?? [])].filter(([v, s]) => s > 0n && (c.vault === undefined || v === c.vault));
    check(vaults.length > 0, 'NOTHING_TO_CLEAR', c.set);
    const cleared: string[] = [];
    for (const [v, shares] of vaults) {
      const vault = getVault(state, v);
      const amount = assetsForShares(vault, shares);
      vault.totalShares -= shares;
      vault.balance -= amount;
      vault.paidOut += amount;
      pending?.set(v, 0n);
      if (set.redistributeTo.kind === 'burn') addTo(state.burned, vault.asset, amount);
      else addTo(nested(state.accounts, set.redistributeTo.account), vault.asset, amount);
      cleared.push(`${v}:${amount}`);
    }
    return ok({ cleared, to: set.redistributeTo.kind === 'burn' ? 'burn' : set.redistributeTo.account });
  },
});
