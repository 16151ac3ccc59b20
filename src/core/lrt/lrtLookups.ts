import { assert } from '../../errors/result.js';
import { need } from '../need.js';
import type { LedgerState } from '../state/state.js';
import type { Lrt } from './lrtState.js';

/** The LRT with this id (checking phase: fails with UNKNOWN_LRT). */
export function getLrt(state: LedgerState, id: string): Lrt {
  return need(state.lrts.lrts.get(id), 'UNKNOWN_LRT', id);
}

/** The LRT minting `asset`, or undefined when the asset is not an LRT token. */
export function lrtOfToken(state: LedgerState, asset: string): Lrt | undefined {
  const id = state.lrts.byToken.get(asset);
  return id === undefined ? undefined : state.lrts.lrts.get(id);
}

/** Distinct internal stakers of an LRT, in target order. */
export function lrtStakers(lrt: Lrt): string[] {
  return [...new Set(lrt.targets.map((t) => t.staker))];
}

/**
 * Tokens an account can spend: its LRT wallet balance plus tokens the ledger paid to it
 * (withdrawals from a vault of the token, redistribution) in `state.accounts`.
 */
export function spendableTokens(state: LedgerState, lrt: Lrt, account: string): bigint {
  return (lrt.balances.get(account) ?? 0n) + (state.accounts.get(account)?.get(lrt.token) ?? 0n);
}

/** Debits tokens (wallet first, then ledger account). Mutation phase: the caller checked spendableTokens. */
export function spendTokens(state: LedgerState, lrt: Lrt, account: string, amount: bigint): void {
  const wallet = lrt.balances.get(account) ?? 0n;
  const fromWallet = wallet < amount ? wallet : amount;
  setOrDelete(lrt.balances, account, wallet - fromWallet);
  const rest = amount - fromWallet;
  if (rest === 0n) return;
  const acct = state.accounts.get(account);
  const held = acct?.get(lrt.token) ?? 0n;
  assert(acct && held >= rest, 'spendTokens: caller checked the balance');
  acct.set(lrt.token, held - rest);
}

export function creditTokens(lrt: Lrt, account: string, amount: bigint): void {
  lrt.balances.set(account, (lrt.balances.get(account) ?? 0n) + amount);
}

function setOrDelete(m: Map<string, bigint>, k: string, v: bigint): void {
  if (v === 0n) m.delete(k);
  else m.set(k, v);
}
