import { textOf, type SqlRunner } from './sqlPort.js';

export async function readMeta(db: SqlRunner, key: string): Promise<string | null> {
  const rows = await db.query('SELECT value FROM meta WHERE key = $1', [key]);
  return rows[0] ? textOf(rows[0]['value']) : null;
}

/** Sets `key` to `value`, replacing what it held. */
export async function writeMeta(db: SqlRunner, key: string, value: string): Promise<void> {
  await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
}

/** Sets `key` once: a concurrent opener that wrote first wins, and its value is returned. */
export async function initMeta(db: SqlRunner, key: string, value: string): Promise<string> {
  await db.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
  return (await readMeta(db, key)) ?? value;
}
