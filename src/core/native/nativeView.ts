import type { NativeState } from '../state/state.js';

/** The `native` object of `run --json` (only when the ledger has a native vault). */
export function nativeView(native: NativeState): { vault: string; beaconChainSlashingFactors: Record<string, string> } {
  const factors: Record<string, string> = {};
  for (const [staker, l] of native.factors) factors[staker] = l.toString();
  return { vault: native.vault, beaconChainSlashingFactors: factors };
}
