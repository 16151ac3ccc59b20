import { jcs } from './jcs.js';
import type { SqlRunner } from './sqlPort.js';
import type { StoredEntry } from './storedEntry.js';

/** Rows per INSERT statement (10 parameters each, well under PostgreSQL's 65535). */
const rowsPerInsert = 500;

/** Appends entries inside the caller's transaction; UNIQUE(account, nonce) and the seq key guard races. */
export async function appendEntries(tx: SqlRunner, entries: readonly StoredEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += rowsPerInsert) {
    const chunk = entries.slice(i, i + rowsPerInsert);
    const params: unknown[] = [];
    const values = chunk.map((e) => {
      const base = params.length;
      params.push(
        e.seq,
        e.block,
        e.envelope.account,
        e.envelope.nonce,
        e.envelope.command.type,
        jcs(e.envelope.command),
        e.envelope.signature,
        e.prevHash,
        e.hash,
        JSON.stringify(e.result),
      );
      return `(${Array.from({ length: 10 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
    });
    await tx.query(
      `INSERT INTO log (seq, block, account, nonce, type, command, signature, prev_hash, hash, result) VALUES ${values.join(', ')}`,
      params,
    );
  }
}
