import type { LedgerState } from '../state/state.js';

/** Next free generated withdrawal id (`w1`, `w2`, …), skipping ids a user chose. Mutation phase only. */
export function nextWithdrawalId(state: LedgerState): string {
  let id: string;
  do id = `w${++state.withdrawalNonce}`;
  while (state.withdrawals.has(id));
  return id;
}
