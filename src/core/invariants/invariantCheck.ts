import type { LedgerState } from '../state/state.js';

/** Extra invariant checks registered by ledger extensions (rewards, insurance, LRT, conditions). */
export type InvariantCheck = (state: LedgerState, report: (msg: string) => void) => void;
