/** Named bounds of the rewards ledger. */
export const rewardSubmissionsMax = 10_000_000;

/**
 * Largest pool weight whose accumulator increment rounds up (exact whole-unit shares). Above it
 * (weights far beyond real stake: ~1e57 is the most a 2^128-share position scaled by a nearly
 * fully slashed magnitude reaches) the increment rounds down, so the round-up excess summed over
 * every (submission, pool) the bounds allow — rewardSubmissionsMax × operatorsMax × vaultsPerSetMax
 * ≈ 2.6e15 increments, each below rewardExactWeightMax / rewardAccScale = 1e-20 of a unit — stays
 * below one unit: claims never exceed what was submitted.
 */
export const rewardExactWeightMax = 10n ** 100n;
