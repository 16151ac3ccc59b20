/** Insurance pools (SPEC §3.7). A failing command changes nothing. */
export const insuranceCodes = {
  POOL_EXISTS: 'Insurance pool already exists',
  UNKNOWN_POOL: 'Unknown insurance pool',
  ZERO_POOL_SHARES: 'The amount would mint zero pool shares',
  INSUFFICIENT_POOL_SHARES: 'Not enough pool shares',
  POOL_CAPACITY_EXCEEDED: 'Active cover would exceed the capital of the pool that is not leaving',
  COVER_EXISTS: 'A cover with this id already exists',
  UNKNOWN_UNDERWRITER_WITHDRAWAL: 'Unknown underwriter withdrawal',
} as const;
