import type { LedgerState } from '../../core/state/state.js';

/**
 * A fingerprint per vault of everything its look-through exposure reads (SPEC §10 incremental figures): the
 * vault's shares and balance, its asset's price, and for every operator holding shares in it the shares,
 * magnitudes, queue history and allocations of the sets that use it (with the block when an allocation change
 * is pending, since it takes effect by block). Equal fingerprints ⇒ equal exposures. O(Σ operator-vault entries).
 */
export function vaultPrints(state: LedgerState): Map<string, string> {
  const parts = new Map<string, string[]>();
  for (const v of state.vaults.values()) {
    parts.set(v.id, [`${v.totalShares}/${v.balance}/${state.assets.get(v.asset)?.price.toString() ?? ''}`]);
  }
  for (const op of state.operators.values()) {
    for (const [vault, ov] of op.vaults) {
      const q = ov.queuedHistory.at(-1);
      const m = ov.maxMagnitudeHistory.at(-1);
      const row = [op.id, ov.shares, ov.maxMagnitude, ov.encumbered, ov.queuedHistory.length, q?.block, q?.value, m?.block, m?.value];
      for (const [set, byVault] of op.allocations) {
        const a = byVault.get(vault);
        if (a) row.push(set, a.current, a.pending, a.effectBlock ?? '', a.effectBlock !== null ? state.block : '');
      }
      parts.get(vault)?.push(row.join(':'));
    }
  }
  return new Map([...parts].map(([k, v]) => [k, v.join('|')]));
}
