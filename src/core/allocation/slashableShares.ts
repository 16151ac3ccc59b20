import { divWad, mulWad } from '../../math/wad.js';
import { isSlashable } from '../state/lookups.js';
import type { LedgerState, Operator } from '../state/state.js';

/**
 * Slashable stake of an operator in a set for a vault, in vault shares (SPEC §3.2):
 * `mulWad(operatorShares, divWad(current, maxMagnitude))`, both rounding down; zero when the
 * operator is not slashable by the set.
 */
export function slashableShares(state: LedgerState, op: Operator, set: string, vault: string): bigint {
  if (!isSlashable(op.registrations.get(set), state.block)) return 0n;
  const a = op.allocations.get(set)?.get(vault);
  const ov = op.vaults.get(vault);
  if (!a || !ov || a.current === 0n || ov.maxMagnitude === 0n) return 0n;
  return mulWad(ov.shares, divWad(a.current, ov.maxMagnitude));
}
