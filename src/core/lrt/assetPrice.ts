import { assert } from '../../errors/result.js';
import { Rational } from '../../math/rational.js';
import type { LedgerState } from '../state/state.js';
import { lrtOfToken } from './lrtLookups.js';
import { lrtNav } from './lrtNav.js';
import type { Lrt } from './lrtState.js';
import { lrtTokenDecimals } from './lrtBounds.js';

/**
 * Numeraire per whole unit of an asset: NAV-derived (lrtTokenPrice) for a token minted by an LRT,
 * the stored `setPrice` price otherwise. The network / exposure code values every asset with this,
 * so an LRT token's stored price is never used. It and lrtTokenPrice recurse into each other
 * through LRT layers (depth-bounded), so they live in one module.
 */
export function assetPrice(state: LedgerState, asset: string): Rational {
  const lrt = lrtOfToken(state, asset);
  if (lrt) return lrtTokenPrice(state, lrt);
  const a = state.assets.get(asset);
  assert(a, `asset ${asset} exists`);
  return a.price;
}

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
