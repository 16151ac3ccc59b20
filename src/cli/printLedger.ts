import type { ResultEntry } from '../core/runLog.js';
import { stateView } from '../core/view.js';
import type { LedgerState } from '../core/state.js';
import { formatTable } from './table.js';
import { extensionTables } from './printExtensions.js';
import { formatUnits } from '../math/decimal.js';
import { Rational } from '../math/rational.js';
import { WAD } from '../math/wad.js';
import { assetsForShares } from '../core/vaultMath.js';

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
  const out: string[] = [];
  const failed = results.filter((r) => r.status !== 'ok');
  out.push(`block ${state.block} · ${results.length} commands · ${results.length - failed.length} ok · ${failed.length} failed`);
  if (failed.length > 0) {
    out.push(
      '',
      'Failed commands',
      formatTable(
        ['#', 'line', 'type', 'status', 'message'],
        failed.map((r) => [String(r.index), String(lines[r.index] ?? ''), r.type, r.status, r.message ?? '']),
      ),
    );
  }
  const events = results.filter((r) => r.status === 'ok' && (r['slashedShares'] !== undefined || r['request'] !== undefined));
  if (events.length > 0) {
    const eventRows = events.map((r) => [
      String(r.index),
      r.type,
      r['request'] !== undefined ? `request ${String(r['request'])} filed` : `${String(r['slashedShares'])} shares`,
      Array.isArray(r['vaults']) ? (r['vaults'] as string[]).join(' ') : '',
    ]);
    out.push('', 'Slashing events', formatTable(['#', 'command', 'outcome', 'per vault (shares)'], eventRows));
  }
  const stakerRows = Object.entries(v['stakers'] as Obj).flatMap(([id, s]) =>
    Object.entries(s.vaults as Obj).map(([vault, p]) => [
      id,
      s.delegatedTo ?? '-',
      vault,
      p.depositShares,
      amountOf(state, vault, p.withdrawableShares),
      p.depositScalingFactor,
    ]),
  );
  out.push(
    '',
    'Stakers',
    formatTable(['staker', 'delegated to', 'vault', 'deposit shares', 'withdrawable (worth)', 'scaling factor k'], stakerRows),
  );
  const opRows = Object.entries(v['operators'] as Obj).flatMap(([id, o]) =>
    Object.entries(o.vaults as Obj).map(([vault, x]) => [
      id,
      o.allocationMode,
      vault,
      amountOf(state, vault, x.shares),
      pct(x.maxMagnitude),
      pct(x.encumberedMagnitude),
    ]),
  );
  out.push('', 'Operators', formatTable(['operator', 'mode', 'vault', 'delegated (worth)', 'max magnitude', 'encumbered'], opRows));
  const allocRows = Object.entries(v['operators'] as Obj).flatMap(([id, o]) =>
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
  out.push(
    '',
    'Allocations',
    formatTable(['operator', 'set', 'vault', 'allocated', 'pending', 'effect block', 'slashable (worth)'], allocRows),
  );
  const wRows = Object.entries(v['withdrawals'] as Obj).map(([id, w]) => [
    id,
    w.staker,
    w.vault,
    w.scaledShares,
    amountOf(state, w.vault, w.expectedShares),
    String(w.startBlock),
    w.completed ? 'yes' : 'no',
  ]);
  if (wRows.length > 0)
    out.push('', 'Withdrawals', formatTable(['id', 'staker', 'vault', 'scaled shares', 'pays (worth)', 'start block', 'completed'], wRows));
  const sRows = Object.entries(v['slashed'] as Obj).flatMap(([set, byVault]) =>
    Object.entries(byVault as Obj).map(([vault, x]) => [
      set,
      vault,
      String(x),
      amountOf(state, vault, String((v['unclearedSlashed'] as Obj)[set]?.[vault] ?? '0')),
    ]),
  );
  if (sRows.length > 0) out.push('', 'Slashed', formatTable(['set', 'vault', 'slashed shares', 'not yet cleared (worth)'], sRows));
  const aRows = Object.entries(v['accounts'] as Obj).flatMap(([acct, byAsset]) =>
    Object.entries(byAsset as Obj).map(([asset, x]) => [
      acct,
      asset,
      formatUnits(BigInt(x as string), state.assets.get(asset)?.decimals ?? 0),
    ]),
  );
  if (aRows.length > 0) out.push('', 'Accounts (paid out of the ledger)', formatTable(['account', 'asset', 'amount'], aRows));
  out.push(...extensionTables(state));
  return out.join('\n');
}
