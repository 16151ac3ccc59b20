import { assert } from '../../errors/result.js';
import type { Rational } from '../../math/rational.js';
import type { LedgerState } from '../state.js';
import { lrtOfToken } from './lrtLookups.js';
import { lrtTokenPrice } from './lrtTokenPrice.js';

/**
 * Numeraire per whole unit of an asset: NAV-derived (lrtTokenPrice) for a token minted by an LRT,
 * the stored `setPrice` price otherwise. The network / exposure code values every asset with this,
 * so an LRT token's stored price is never used.
 */
export function assetPrice(state: LedgerState, asset: string): Rational {
  const lrt = lrtOfToken(state, asset);
  if (lrt) return lrtTokenPrice(state, lrt);
  const a = state.assets.get(asset);
  assert(a, `asset ${asset} exists`);
  return a.price;
}
