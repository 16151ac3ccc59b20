import { ok } from '../../errors/result.js';
import { vaultsMax } from '../state/bounds.js';
import { defineCommand } from '../log/commandSpec.js';
import { getAsset } from '../state/entities.js';
import { reqId } from '../log/fields.js';
import { check } from '../need.js';

export const createVault = defineCommand<{ vault: string; asset: string }>({
  type: 'createVault',
  parse: (raw) => ({ vault: reqId(raw, 'vault'), asset: reqId(raw, 'asset') }),
  execute(state, c) {
    const asset = getAsset(state, c.asset);
    check(!state.vaults.has(c.vault), 'VAULT_EXISTS', c.vault);
    check(state.vaults.size < vaultsMax, 'BOUND_EXCEEDED', `vaultsMax ${vaultsMax}`);
    // one beacon-chain ETH strategy, as in EigenLayer: pod owners' factors l are per staker, not per vault
    check(asset.kind !== 'native' || state.native === undefined, 'NATIVE_VAULT_EXISTS', state.native?.vault);
    if (asset.kind === 'native') state.native = { vault: c.vault, factors: new Map() };
    state.vaults.set(c.vault, {
      id: c.vault,
      asset: c.asset,
      totalShares: 0n,
      balance: 0n,
      deposited: 0n,
      yielded: 0n,
      paidOut: 0n,
    });
    return ok({ vault: c.vault });
  },
});
