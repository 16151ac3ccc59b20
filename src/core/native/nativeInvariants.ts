import { WAD } from '../../math/wad.js';
import type { InvariantCheck } from '../invariants/invariantCheck.js';

/**
 * Native restaking (SPEC §3.8 plus §11): the native vault exists and holds a `native` asset;
 * every beacon-chain slashing factor is in [0, WAD]; pod shares are wei (balance = shares: no
 * yield accrues to the vault, so its share price stays exactly 1). Operator shares ≥ Σ a with
 * l included, and conservation, are checked by checkInvariants through slashingFactorOf.
 */
export const nativeInvariants: InvariantCheck = (state, report) => {
  const native = state.native;
  if (!native) return;
  const vault = state.vaults.get(native.vault);
  if (!vault) return report(`native vault ${native.vault} does not exist`);
  if (state.assets.get(vault.asset)?.kind !== 'native') report(`native vault ${native.vault}: asset ${vault.asset} is not native`);
  if (vault.balance !== vault.totalShares) report(`native vault ${native.vault}: balance ${vault.balance} ≠ shares ${vault.totalShares}`);
  for (const [staker, l] of native.factors) {
    if (l < 0n || l > WAD) report(`beacon-chain slashing factor of ${staker} outside [0, WAD]: ${l}`);
  }
};
