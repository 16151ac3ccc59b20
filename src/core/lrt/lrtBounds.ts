/** Named bounds of the LRT extension (SPEC §3.1: recursion depth is bounded by a named constant). */

/** Deepest allowed nesting: an LRT over a plain asset has depth 1, an LRT over its token depth 2, … */
export const recursionDepthMax = 4;
export const lrtsMax = 10_000;
export const lrtTargetsMax = 64;
/** Target weights are integers in [1, lrtWeightMax]. */
export const lrtWeightMax = 1_000_000_000;
/** LRT tokens have 18 decimals. */
export const lrtTokenDecimals = 18;
export const redemptionsMax = 10_000_000;
