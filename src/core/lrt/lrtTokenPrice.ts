import { assert } from '../../errors/result.js';
import { Rational } from '../../math/rational.js';
import type { LedgerState } from '../state.js';
import { assetPrice } from './assetPrice.js';
import { lrtNav } from './lrtNav.js';
import type { Lrt } from './lrtState.js';
import { lrtTokenDecimals } from './lrtBounds.js';

/**
 * Exact numeraire price of one whole LRT token:
 * (NAV / supply) · price(underlying) · 10^18 / 10^decimals(underlying),
 * where NAV / supply (underlying base units per token base unit) is 1 while no token exists
 * (the first mint is 1:1 in base units). Recursive through LRT layers (depth-bounded).
 */
export function lrtTokenPrice(state: LedgerState, lrt: Lrt): Rational {
  const underlying = state.assets.get(lrt.asset);
  assert(underlying, `LRT ${lrt.id}: underlying asset exists`);
  const rate = lrt.supply === 0n ? Rational.ONE : Rational.of(lrtNav(state, lrt), lrt.supply);
  const scale = Rational.of(10n ** BigInt(lrtTokenDecimals), 10n ** BigInt(underlying.decimals));
  return rate.mul(assetPrice(state, lrt.asset)).mul(scale);
}
