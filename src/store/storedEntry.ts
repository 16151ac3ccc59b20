import { intOf, textOf, type SqlRow } from './sqlPort.js';

/** A signed command as the log stores it (the service's Envelope, without importing server/). */
export interface StoredEnvelope {
  readonly account: string;
  readonly nonce: string;
  readonly command: { readonly type: string; readonly [field: string]: unknown };
  readonly signature: string;
}

export interface StoredEntry {
  readonly seq: number;
  /** The ledger block after the command was applied. */
  readonly block: number;
  readonly envelope: StoredEnvelope;
  readonly prevHash: string;
  readonly hash: string;
  /** The ledger's result fields (`{ type, status: "ok", …ids }`), as `run --json` reports them. */
  readonly result: Readonly<Record<string, unknown>>;
}

/** Columns every log read selects; nonce as text because it may exceed a double. */
export const entryColumns = 'seq, block, account, nonce::text AS nonce, command, signature, prev_hash, hash, result';

export function entryOfRow(row: SqlRow): StoredEntry {
  return {
    seq: intOf(row['seq']),
    block: intOf(row['block']),
    envelope: {
      account: textOf(row['account']),
      nonce: textOf(row['nonce']),
      command: JSON.parse(textOf(row['command'])) as StoredEnvelope['command'],
      signature: textOf(row['signature']),
    },
    prevHash: textOf(row['prev_hash']),
    hash: textOf(row['hash']),
    result: JSON.parse(textOf(row['result'])) as Record<string, unknown>,
  };
}
