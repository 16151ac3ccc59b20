/** Named bounds of the rewards ledger. */
export const rewardSubmissionsMax = 10_000_000;
