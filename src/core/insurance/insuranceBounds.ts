import { Rational } from '../../math/rational.js';

/** Named bounds of the insurance ledger. */
export const insurancePoolsMax = 100_000;
/** Covers per pool: buyCover and the capacity check walk a pool's covers. */
export const coversPerPoolMax = 10_000;
/** Covers on one (operator, set): a covered slash walks them. */
export const coversPerTargetMax = 10_000;
export const underwriterWithdrawalsMax = 10_000_000;
/** Bounds of a pool's capacityRatio (active cover / free capital). */
export const capacityRatioMin = Rational.of(1n, 100n);
export const capacityRatioMax = Rational.of(100n);
