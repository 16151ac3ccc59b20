import type { ResultEntry } from '../core/runLog.js';
import { stateView } from '../core/view.js';
import type { LedgerState } from '../core/state.js';
import { formatTable } from './table.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Human tables of a ledger run: failed commands, stakers, operators, allocations, withdrawals, slashes. */
export function printLedger(state: LedgerState, results: readonly ResultEntry[], lines: readonly (number | null)[]): string {
  const v = stateView(state) as Obj;
  const out: string[] = [];
  const failed = results.filter((r) => r.status !== 'ok');
  out.push(`block ${state.block} · ${results.length} commands · ${results.length - failed.length} ok · ${failed.length} failed`);
  if (failed.length > 0) {
    out.push('', 'Failed commands', formatTable(['#', 'line', 'type', 'status', 'message'], failed.map((r) => [String(r.index), String(lines[r.index] ?? ''), r.type, r.status, r.message ?? ''])));
  }
  const stakerRows = Object.entries(v['stakers'] as Obj).flatMap(([id, s]) =>
    Object.entries(s.vaults as Obj).map(([vault, p]) => [id, s.delegatedTo ?? '-', vault, p.depositShares, p.withdrawableShares, p.depositScalingFactor]),
  );
  out.push('', 'Stakers', formatTable(['staker', 'delegated to', 'vault', 'deposit shares', 'withdrawable', 'scaling factor'], stakerRows));
  const opRows = Object.entries(v['operators'] as Obj).flatMap(([id, o]) =>
    Object.entries(o.vaults as Obj).map(([vault, x]) => [id, o.allocationMode, vault, x.shares, x.maxMagnitude, x.encumberedMagnitude]),
  );
  out.push('', 'Operators', formatTable(['operator', 'mode', 'vault', 'shares', 'max magnitude', 'encumbered'], opRows));
  const allocRows = Object.entries(v['operators'] as Obj).flatMap(([id, o]) =>
    Object.entries(o.sets as Obj).flatMap(([set, byVault]) =>
      Object.entries(byVault as Obj).map(([vault, a]) => [id, set, vault, a.currentMagnitude, a.pendingMagnitude, a.effectBlock === null ? '-' : String(a.effectBlock), a.slashableStake]),
    ),
  );
  out.push('', 'Allocations', formatTable(['operator', 'set', 'vault', 'current', 'pending', 'effect block', 'slashable shares'], allocRows));
  const wRows = Object.entries(v['withdrawals'] as Obj).map(([id, w]) => [id, w.staker, w.vault, w.scaledShares, w.expectedShares, String(w.startBlock), w.completed ? 'yes' : 'no']);
  if (wRows.length > 0) out.push('', 'Withdrawals', formatTable(['id', 'staker', 'vault', 'scaled shares', 'expected shares', 'start block', 'completed'], wRows));
  const sRows = Object.entries(v['slashed'] as Obj).flatMap(([set, byVault]) => Object.entries(byVault as Obj).map(([vault, x]) => [set, vault, String(x), String((v['unclearedSlashed'] as Obj)[set]?.[vault] ?? '0')]));
  if (sRows.length > 0) out.push('', 'Slashed', formatTable(['set', 'vault', 'slashed shares', 'not yet cleared'], sRows));
  const aRows = Object.entries(v['accounts'] as Obj).flatMap(([acct, byAsset]) => Object.entries(byAsset as Obj).map(([asset, x]) => [acct, asset, String(x)]));
  if (aRows.length > 0) out.push('', 'Accounts (paid out of the ledger)', formatTable(['account', 'asset', 'amount'], aRows));
  return out.join('\n');
}
