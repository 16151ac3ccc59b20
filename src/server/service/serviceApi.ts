// The contract between the ledger service (store + authorization + ledger, `openLedgerService`) and
// its adapters (HTTP server, CLI, live risk). Types only; SPEC §9.
import type { LedgerState } from '../../core/state/state.js';
import type { SqlPort } from '../../store/sqlPort.js';
import type { ResultStore } from '../../jobs/resultStore.js';

/** `ed25519:<64 hex of the public key>` or a lowercase Ethereum address `0x<40 hex>`. */
export type Account = string;

/** A signed command as it travels over HTTP and sits in the log (SPEC §9). */
export interface Envelope {
  readonly account: Account;
  /** Decimal string: 1 for an account's first command, then exactly one more each time. */
  readonly nonce: string;
  readonly command: { readonly type: string; readonly [field: string]: unknown };
  /** ed25519: 128 hex chars; Ethereum: 65 bytes as 0x-prefixed hex (low s only). */
  readonly signature: string;
}

export interface Receipt {
  readonly seq: number;
  readonly block: number;
  /** hash = SHA-256(prevHash ‖ JCS of the envelope), hex. */
  readonly hash: string;
  /** The ledger's result for the command (ids created, …), as `run --json` reports it. */
  readonly result: Readonly<Record<string, unknown>>;
}

export interface Head {
  readonly chainId: number;
  readonly seq: number;
  readonly block: number;
  readonly stateHash: string;
  readonly logHash: string;
}

export interface LogEntry {
  readonly seq: number;
  readonly block: number;
  readonly envelope: Envelope;
  readonly prevHash: string;
  readonly hash: string;
}

/** User errors carry a code of the one catalogue (docs/errors.md) and the HTTP status to answer with. */
export type SubmitOutcome =
  | { readonly ok: true; readonly receipts: readonly Receipt[] }
  | {
      readonly ok: false;
      readonly status: 400 | 401 | 403 | 409 | 422 | 429 | 503;
      readonly code: string;
      readonly message: string;
      /** Index in the batch of the envelope that failed. */
      readonly index?: number;
    };

/** Emitted once per committed transaction, in seq order (writer and follower alike). */
export interface CommitEvent {
  readonly entries: readonly LogEntry[];
  readonly receipts: readonly Receipt[];
  readonly head: Head;
}

export interface LedgerServiceApi {
  readonly chainId: number;
  /** True for a `--follow` replica or a server that did not get the writer lock. */
  readonly readOnly: boolean;
  head(): Head;
  /** The current state; callers must not mutate it. */
  state(): LedgerState;
  /** The state as of a seq or block (the last command at or before it); null when out of range. */
  stateAt(at: { readonly seq?: number; readonly block?: number }): Promise<LedgerState | null>;
  /** One envelope or a batch, applied in order, all or nothing. */
  submit(envelopes: readonly Envelope[]): Promise<SubmitOutcome>;
  /** Entries with seq > after, at most `limit`, in order. */
  log(after: number, limit: number): Promise<readonly LogEntry[]>;
  /** The nonce the account's next envelope must carry ("1" for a new account). Optional member added by the service helper. */
  nextNonce?(account: Account): string;
  /** The database the log lives in, for the tables kept beside it (alert rules); absent on an in-memory service. */
  readonly sql?: Pick<SqlPort, 'query' | 'transaction'>;
  /** Finished risk jobs kept in this service's database (SPEC §10), when it has one. */
  jobResults?(): ResultStore;
  /** Subscribe to commits; returns the unsubscribe function. */
  onCommit(listener: (event: CommitEvent) => void): () => void;
  close(): Promise<void>;
}

export interface ServiceOptions {
  /** Embedded PGlite data under this folder (default ./.stakemesh). */
  readonly dataDir: string;
  /** postgres://… : a PostgreSQL server instead of PGlite (same schema and SQL). */
  readonly database?: string | undefined;
  readonly chainId: number;
  readonly admins: readonly Account[];
  /** Seconds per ledger block for the server's own `advance` (SPEC §9 block clock). */
  readonly blockTimeS: number;
  /** Read-only replica tailing the log (LISTEN/NOTIFY). */
  readonly follow: boolean;
  /** A state snapshot every this many commands. */
  readonly snapshotEvery: number;
  /** Wall clock in ms; injectable for tests. */
  readonly now?: (() => number) | undefined;
  /**
   * `serve --follow-rpc`: the ledger mirrors a chain. The server's key signs the commands the
   * chain's events map to (any type), and the block clock is off: blocks are the chain's.
   */
  readonly chainMirror?: boolean | undefined;
}
