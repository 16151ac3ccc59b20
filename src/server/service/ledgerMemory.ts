import type { LedgerState } from '../../core/state/state.js';
import type { Owners } from './owners.js';
import type { Account } from './serviceApi.js';

/** The service's in-memory ledger: state, owners and nonces as of `seq`, and the chain's tip. */
export interface LedgerMemory {
  state: LedgerState;
  readonly owners: Owners;
  /** Each account's last used nonce. */
  readonly nonces: Map<Account, bigint>;
  seq: number;
  hash: string;
}

/** What has committed (reads and head() answer from it; memory may run ahead inside a group). */
export interface CommittedHead {
  seq: number;
  block: number;
  hash: string;
}
