/** Liquid restaking token (LRT) failures (SPEC §3.1 LRT). A failing command changes nothing. */
export const lrtCodes = {
  LRT_EXISTS: 'An LRT with this id already exists',
  UNKNOWN_LRT: 'Unknown LRT',
  LRT_TOKEN_EXISTS: 'The LRT token id is already a registered asset',
  LRT_BAD_TARGETS: 'LRT targets must be distinct (operator, vault) pairs of vaults holding the underlying, with positive integer weights',
  LRT_STAKER_EXISTS: 'An internal LRT staker id is already in use',
  LRT_DEPTH_EXCEEDED: 'LRT nesting (an LRT over an LRT token) exceeds recursionDepthMax',
  NOT_LRT_TOKEN: 'The asset is not a token minted by an LRT',
  INSUFFICIENT_LRT_TOKENS: 'Not enough LRT tokens in the account',
  LRT_NAV_ZERO: 'The LRT has tokens outstanding but its NAV is zero (fully slashed)',
  LRT_MINT_ZERO: 'The deposit would mint zero LRT tokens',
  LRT_REDEEM_ZERO: 'The redemption would withdraw nothing (tokens too few)',
  UNKNOWN_REDEMPTION: 'Unknown LRT redemption',
  REDEMPTION_EXISTS: 'An LRT redemption with this id already exists',
  NOT_REDEMPTION_OWNER: 'The redemption belongs to another account',
  REDEMPTION_COMPLETED: 'The redemption was already completed',
} as const;
