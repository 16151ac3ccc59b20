import { Rational } from '../../math/rational.js';

/** Named bounds of the insurance ledger. */
export const insurancePoolsMax = 100_000;
/** Covers ever sold (records are kept for history). */
export const coversMax = 10_000_000;
/** Live covers per pool (expired ones are dropped from the list): buyCover and the capacity check walk a pool's covers. */
export const coversPerPoolMax = 10_000;
/** Live covers on one (operator, set): a covered slash walks them. */
export const coversPerTargetMax = 10_000;
export const underwriterWithdrawalsMax = 10_000_000;
/** Bounds of a pool's capacityRatio (active cover / free capital). */
export const capacityRatioMin = Rational.of(1n, 100n);
export const capacityRatioMax = Rational.of(100n);
