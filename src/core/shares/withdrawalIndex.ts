import type { LedgerState, Withdrawal } from '../state/state.js';

/**
 * A derived index of queued withdrawals by (operator, vault), oldest first, so that a slash walks
 * only that operator's still-slashable withdrawals in the vault instead of every withdrawal in the
 * ledger (queuedSlash.ts). It is not ledger state: it is keyed by the state's `withdrawals` map
 * object, kept up to date by `indexWithdrawal` (called where withdrawals are created) and rebuilt
 * from the map whenever its size shows it is stale (a cloned or restored state, an insertion made
 * elsewhere). Withdrawals are never removed from the map, only marked completed, so equal sizes
 * mean the same entries. Results never depend on it, only the time a slash takes.
 */
interface WithdrawalIndex {
  size: number;
  readonly byOperatorVault: Map<string, Withdrawal[]>;
}

const indexes = new WeakMap<ReadonlyMap<string, Withdrawal>, WithdrawalIndex>();

const keyOf = (operator: string, vault: string): string => `${operator}\u0000${vault}`;

function add(ix: WithdrawalIndex, w: Withdrawal): void {
  if (w.operator === null) return;
  const k = keyOf(w.operator, w.vault);
  const list = ix.byOperatorVault.get(k);
  if (list) list.push(w);
  else ix.byOperatorVault.set(k, [w]);
}

function rebuild(map: ReadonlyMap<string, Withdrawal>): WithdrawalIndex {
  const ix: WithdrawalIndex = { size: map.size, byOperatorVault: new Map() };
  for (const w of map.values()) add(ix, w);
  // oldest first whatever order the map was restored in (stable: equal blocks keep map order)
  for (const list of ix.byOperatorVault.values()) list.sort((a, b) => a.startBlock - b.startBlock);
  indexes.set(map, ix);
  return ix;
}

/** Records a withdrawal just added to `state.withdrawals` (at the current block, so it is the newest). */
export function indexWithdrawal(state: LedgerState, w: Withdrawal): void {
  const ix = indexes.get(state.withdrawals);
  if (!ix || ix.size !== state.withdrawals.size - 1) return; // stale or never built: rebuilt on next use
  add(ix, w);
  ix.size++;
}

/** The withdrawals queued with `operator` in `vault`, oldest first (completed ones included). */
export function withdrawalsOf(state: LedgerState, operator: string, vault: string): readonly Withdrawal[] {
  const cached = indexes.get(state.withdrawals);
  const ix = cached && cached.size === state.withdrawals.size ? cached : rebuild(state.withdrawals);
  return ix.byOperatorVault.get(keyOf(operator, vault)) ?? [];
}
