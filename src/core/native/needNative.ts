import { stakersMax } from '../state/bounds.js';
import { check, need } from '../need.js';
import type { LedgerState, NativeState } from '../state/state.js';

/** The native restaking state, or NO_NATIVE_VAULT (checking phase). */
export function needNative(state: LedgerState): NativeState {
  return need(state.native, 'NO_NATIVE_VAULT');
}

/** A factor can be recorded for this staker without passing stakersMax (checking phase). */
export function needFactorRoom(state: LedgerState, native: NativeState, staker: string): void {
  check(native.factors.has(staker) || native.factors.size < stakersMax, 'BOUND_EXCEEDED', `stakersMax ${stakersMax}`);
}
