import { need } from '../need.js';
import type { LedgerState, Operator, OperatorSet, Staker, Vault, Asset, Withdrawal } from './state.js';

/** Lookups that fail with the catalogue's UNKNOWN_* code (checking phase only). */
export function getAsset(state: LedgerState, id: string): Asset {
  return need(state.assets.get(id), 'UNKNOWN_ASSET', id);
}
export function getVault(state: LedgerState, id: string): Vault {
  return need(state.vaults.get(id), 'UNKNOWN_VAULT', id);
}
export function getOperator(state: LedgerState, id: string): Operator {
  return need(state.operators.get(id), 'UNKNOWN_OPERATOR', id);
}
export function getSet(state: LedgerState, id: string): OperatorSet {
  return need(state.sets.get(id), 'UNKNOWN_SET', id);
}
export function getStaker(state: LedgerState, id: string): Staker {
  return need(state.stakers.get(id), 'UNKNOWN_STAKER', id);
}
export function getWithdrawal(state: LedgerState, id: string): Withdrawal {
  return need(state.withdrawals.get(id), 'UNKNOWN_WITHDRAWAL', id);
}

/** A staker record, created on first use (deposit or delegate). */
export function stakerRecord(state: LedgerState, id: string): Staker {
  let s = state.stakers.get(id);
  if (!s) {
    s = { id, delegatedTo: null, positions: new Map(), deposited: new Map(), withdrawn: new Map() };
    state.stakers.set(id, s);
  }
  return s;
}
