import { Rational } from '../../math/rational.js';
import { assetPrice } from '../lrt/assetPrice.js';
import type { LedgerState } from '../state/state.js';
import { assetsForShares } from './vaultMath.js';

/** Numeraire value of vault shares, exact: assets (rounded down, as paid out) × price per whole unit. */
export function shareValue(state: LedgerState, vault: string, shares: bigint): Rational {
  const v = state.vaults.get(vault);
  const asset = v ? state.assets.get(v.asset) : undefined;
  if (!v || !asset || shares === 0n) return Rational.ZERO;
  const amount = assetsForShares(v, shares);
  return assetPrice(state, v.asset).mul(Rational.of(amount, 10n ** BigInt(asset.decimals)));
}
