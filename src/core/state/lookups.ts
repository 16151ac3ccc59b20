import { WAD } from '../../math/wad.js';
import type { LedgerState, Operator, OperatorVault, Registration } from './state.js';

export function newOperatorVault(): OperatorVault {
  return { shares: 0n, maxMagnitude: WAD, encumbered: 0n, maxMagnitudeHistory: [], queuedHistory: [] };
}

/** The operator's record for a vault, created on first use (a fresh record is WAD, 0 shares). */
export function operatorVault(op: Operator, vault: string): OperatorVault {
  let ov = op.vaults.get(vault);
  if (!ov) {
    ov = newOperatorVault();
    op.vaults.set(vault, ov);
  }
  return ov;
}

/** maxMagnitude of an operator for a vault; WAD for "no operator" (undelegated). */
export function maxMagnitudeOf(state: LedgerState, operator: string | null, vault: string): bigint {
  if (operator === null) return WAD;
  return state.operators.get(operator)?.vaults.get(vault)?.maxMagnitude ?? WAD;
}

/** Registered, or deregistered but still inside its slashable window (EigenLayer isOperatorSlashable). */
export function isSlashable(reg: Registration | undefined, block: number): boolean {
  return reg !== undefined && (reg.registered || block <= reg.slashableUntil);
}

export function addTo(map: Map<string, bigint>, key: string, amount: bigint): void {
  map.set(key, (map.get(key) ?? 0n) + amount);
}

export function nested<V>(map: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}
