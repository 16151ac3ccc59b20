import { intOf, textOf, type SqlRunner } from './sqlPort.js';
import { entryColumns, entryOfRow, type StoredEntry } from './storedEntry.js';

/** Entries with seq > after, at most `limit`, in seq order. */
export async function readLog(db: SqlRunner, after: number, limit: number): Promise<StoredEntry[]> {
  const rows = await db.query(`SELECT ${entryColumns} FROM log WHERE seq > $1 ORDER BY seq LIMIT $2`, [after, limit]);
  return rows.map(entryOfRow);
}

/** The entry an account signed with this nonce, if any. */
export async function findEntry(db: SqlRunner, account: string, nonce: string): Promise<StoredEntry | null> {
  const rows = await db.query(`SELECT ${entryColumns} FROM log WHERE account = $1 AND nonce = $2`, [account, nonce]);
  return rows[0] ? entryOfRow(rows[0]) : null;
}

/** Each account's last used nonce (decimal strings). */
export async function readNonces(db: SqlRunner): Promise<Map<string, bigint>> {
  const rows = await db.query('SELECT account, MAX(nonce)::text AS nonce FROM log GROUP BY account');
  return new Map(rows.map((r) => [textOf(r['account']), BigInt(textOf(r['nonce']))]));
}

/** The seq of the last entry whose block is at or before `block` (0 when none). */
export async function seqAtBlock(db: SqlRunner, block: number): Promise<number> {
  const rows = await db.query('SELECT COALESCE(MAX(seq), 0) AS seq FROM log WHERE block <= $1', [block]);
  return intOf(rows[0]?.['seq'] ?? 0);
}

/** Entries that create an owned entity, in seq order (the ownership map is derived from them). */
export async function readCreations(db: SqlRunner, types: readonly string[]): Promise<{ account: string; command: Record<string, unknown> }[]> {
  const rows = await db.query(
    `SELECT account, command FROM log WHERE type IN (${types.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY seq`,
    types,
  );
  return rows.map((r) => ({ account: textOf(r['account']), command: JSON.parse(textOf(r['command'])) as Record<string, unknown> }));
}
