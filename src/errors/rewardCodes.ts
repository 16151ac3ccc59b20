/** Rewards and commission (SPEC §3.6). A failing command changes nothing. */
export const rewardCodes = {
  SET_NOT_OF_SERVICE: 'The operator set belongs to another service',
  NO_REWARD_STAKE: 'No registered operator of the set has slashable stake to reward',
  SUBMISSION_EXISTS: 'A reward submission with this id already exists',
  NOTHING_TO_CLAIM: 'Nothing to claim for this asset',
} as const;
