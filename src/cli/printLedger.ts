import type { ResultEntry } from '../core/runLog.js';
import { stateView } from '../core/state/view.js';
import type { LedgerState } from '../core/state/state.js';
import { formatTable } from './table.js';
import { extensionTables } from './printExtensions.js';
import { formatUnits } from '../math/decimal.js';
import { Rational } from '../math/rational.js';
import { WAD } from '../math/wad.js';
import { assetsForShares } from '../core/shares/vaultMath.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Shares shown as the asset amount they are worth today (rounded down, as paid), e.g. "2134 stETH". */
function amountOf(state: LedgerState, vault: string, shares: string): string {
  const v = state.vaults.get(vault);
  const a = v ? state.assets.get(v.asset) : undefined;
  if (!v || !a) return shares;
  return `${formatUnits(assetsForShares(v, BigInt(shares)), a.decimals)} ${a.id}`;
}

/** A WAD magnitude as a percentage, exact to 1e-16 (the smallest WAD step shown). */
function pct(wad: string): string {
  return `${Rational.of(BigInt(wad) * 100n, WAD).toDecimal(16)}%`;
}

/** Human tables of a ledger run: failed commands, stakers, operators, allocations, withdrawals, slashes. */
export function printLedger(state: LedgerState, results: readonly ResultEntry[], lines: readonly (number | null)[]): string {
  const v = stateView(state) as Obj;
  const failed = results.filter((r) => r.status !== 'ok');
  return [
    `block ${state.block} · ${results.length} commands · ${results.length - failed.length} ok · ${failed.length} failed`,
    ...failedLines(failed, lines),
    ...eventLines(results),
    ...stakerLines(state, v),
    ...operatorLines(state, v),
    ...allocationLines(state, v),
    ...withdrawalLines(state, v),
    ...slashedLines(state, v),
    ...accountLines(state, v),
    ...extensionTables(state),
  ].join('\n');
}

/** A titled table after a blank line, or nothing when it has no rows and is optional. */
function section(title: string, header: string[], rows: string[][], optional = true): string[] {
  return optional && rows.length === 0 ? [] : ['', title, formatTable(header, rows)];
}

function failedLines(failed: readonly ResultEntry[], lines: readonly (number | null)[]): string[] {
  const rows = failed.map((r) => [String(r.index), String(lines[r.index] ?? ''), r.type, r.status, r.message ?? '']);
  return section('Failed commands', ['#', 'line', 'type', 'status', 'message'], rows);
}

function eventLines(results: readonly ResultEntry[]): string[] {
  const events = results.filter((r) => r.status === 'ok' && (r['slashedShares'] !== undefined || r['request'] !== undefined));
  const rows = events.map((r) => [
    String(r.index),
    r.type,
    r['request'] !== undefined ? `request ${String(r['request'])} filed` : `${String(r['slashedShares'])} shares`,
    Array.isArray(r['vaults']) ? (r['vaults'] as string[]).join(' ') : '',
  ]);
  return section('Slashing events', ['#', 'command', 'outcome', 'per vault (shares)'], rows);
}

function stakerLines(state: LedgerState, v: Obj): string[] {
  const rows = Object.entries(v['stakers'] as Obj).flatMap(([id, s]) =>
    Object.entries(s.vaults as Obj).map(([vault, p]) => [
      id,
      s.delegatedTo ?? '-',
      vault,
      p.depositShares,
      amountOf(state, vault, p.withdrawableShares),
      p.depositScalingFactor,
    ]),
  );
  const header = ['staker', 'delegated to', 'vault', 'deposit shares', 'withdrawable (worth)', 'scaling factor k'];
  return section('Stakers', header, rows, false);
}

function operatorLines(state: LedgerState, v: Obj): string[] {
  const rows = Object.entries(v['operators'] as Obj).flatMap(([id, o]) =>
    Object.entries(o.vaults as Obj).map(([vault, x]) => [
      id,
      o.allocationMode,
      vault,
      amountOf(state, vault, x.shares),
      pct(x.maxMagnitude),
      pct(x.encumberedMagnitude),
    ]),
  );
  return section('Operators', ['operator', 'mode', 'vault', 'delegated (worth)', 'max magnitude', 'encumbered'], rows, false);
}

function allocationLines(state: LedgerState, v: Obj): string[] {
  const rows = Object.entries(v['operators'] as Obj).flatMap(([id, o]) =>
    Object.entries(o.sets as Obj).flatMap(([set, byVault]) =>
      Object.entries(byVault as Obj).map(([vault, a]) => [
        id,
        set,
        vault,
        pct(a.currentMagnitude),
        a.pendingMagnitude === '0' ? '-' : pct(a.pendingMagnitude),
        a.effectBlock === null ? '-' : String(a.effectBlock),
        amountOf(state, vault, a.slashableStake),
      ]),
    ),
  );
  const header = ['operator', 'set', 'vault', 'allocated', 'pending', 'effect block', 'slashable (worth)'];
  return section('Allocations', header, rows, false);
}

function withdrawalLines(state: LedgerState, v: Obj): string[] {
  const rows = Object.entries(v['withdrawals'] as Obj).map(([id, w]) => [
    id,
    w.staker,
    w.vault,
    w.scaledShares,
    amountOf(state, w.vault, w.expectedShares),
    String(w.startBlock),
    w.completed ? 'yes' : 'no',
  ]);
  return section('Withdrawals', ['id', 'staker', 'vault', 'scaled shares', 'pays (worth)', 'start block', 'completed'], rows);
}

function slashedLines(state: LedgerState, v: Obj): string[] {
  const rows = Object.entries(v['slashed'] as Obj).flatMap(([set, byVault]) =>
    Object.entries(byVault as Obj).map(([vault, x]) => [
      set,
      vault,
      String(x),
      amountOf(state, vault, String((v['unclearedSlashed'] as Obj)[set]?.[vault] ?? '0')),
    ]),
  );
  return section('Slashed', ['set', 'vault', 'slashed shares', 'not yet cleared (worth)'], rows);
}

function accountLines(state: LedgerState, v: Obj): string[] {
  const rows = Object.entries(v['accounts'] as Obj).flatMap(([acct, byAsset]) =>
    Object.entries(byAsset as Obj).map(([asset, x]) => [
      acct,
      asset,
      formatUnits(BigInt(x as string), state.assets.get(asset)?.decimals ?? 0),
    ]),
  );
  return section('Accounts (paid out of the ledger)', ['account', 'asset', 'amount'], rows);
}
