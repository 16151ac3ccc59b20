import { mulWad, divWad, WAD } from '../../math/wad.js';
import type { StakerPosition } from '../state/state.js';

/** Withdrawable shares `a = mulWad(mulWad(s, k), m)` (down, down) — EigenLayer calcWithdrawable. */
export function withdrawableShares(pos: StakerPosition, maxMagnitude: bigint): bigint {
  return mulWad(mulWad(pos.depositShares, pos.scalingFactor), maxMagnitude);
}

/**
 * New deposit scaling factor after adding `added` shares under slashing factor `m` (> 0):
 * first shares: `k = divWad(WAD, m)`; otherwise `k = divWad(divWad(a + d, s + d), m)`.
 */
export function scalingFactorAfterDeposit(pos: StakerPosition, added: bigint, m: bigint): bigint {
  if (pos.depositShares === 0n) return divWad(WAD, m);
  const a = withdrawableShares(pos, m);
  return divWad(divWad(a + added, pos.depositShares + added), m);
}
