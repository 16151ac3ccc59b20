import { assert } from '../../errors/result.js';
import { divWad, mulWad } from '../../math/wad.js';
import { isSlashable } from '../state/lookups.js';
import { queuedInWindow } from './queuedInWindow.js';
import type { LedgerState, Operator } from '../state/state.js';

/**
 * What a slash of this allocation can reach, in shares: the slashable stake plus the withdrawable
 * value of withdrawals still inside their slashable window (used to cap veto-mode executions), leaving out
 * `excludedShares` of the operator's shares (stake that arrived after a veto request).
 */
export function reachableShares(state: LedgerState, op: Operator, set: string, vault: string, excludedShares = 0n): bigint {
  if (!isSlashable(op.registrations.get(set), state.block)) return 0n;
  const a = op.allocations.get(set)?.get(vault);
  const ov = op.vaults.get(vault);
  if (!a || !ov || a.current === 0n || ov.maxMagnitude === 0n) return 0n;
  const queued = mulWad(queuedInWindow(state, ov), ov.maxMagnitude);
  assert(excludedShares <= ov.shares + queued, 'excluded late stake is part of the reachable stake');
  return mulWad(ov.shares - excludedShares + queued, divWad(a.current, ov.maxMagnitude));
}
