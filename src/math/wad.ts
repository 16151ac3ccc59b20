import { mulDiv } from './mulDiv.js';

/** Fixed-point one: 1e18, as in EigenLayer's magnitudes and scaling factors. */
export const WAD = 10n ** 18n;

/** `a * b / WAD`, rounded down (EigenLayer `mulWad`). */
export function mulWad(a: bigint, b: bigint): bigint {
  return mulDiv(a, b, WAD, 'down');
}

/** `a * b / WAD`, rounded up (EigenLayer `mulWadRoundUp`). */
export function mulWadRoundUp(a: bigint, b: bigint): bigint {
  return mulDiv(a, b, WAD, 'up');
}

/** `a * WAD / b`, rounded down (EigenLayer `divWad`). */
export function divWad(a: bigint, b: bigint): bigint {
  return mulDiv(a, WAD, b, 'down');
}
