import { migration001 } from './migrations/001_log.js';
import { migration002 } from './migrations/002_alerts.js';
import { intOf, migrateLockKey, type SqlPort } from './sqlPort.js';

/** Versioned schema changes, applied in order; each version's number is recorded once. */
export const migrations: readonly { readonly version: number; readonly sql: string }[] = [
  { version: 1, sql: migration001 },
  { version: 2, sql: migration002 },
];

/**
 * Brings the schema up to date. Concurrent openers serialise on a transaction-scoped advisory
 * lock, so two servers starting on an empty database do not both create the tables.
 */
export async function migrate(port: SqlPort): Promise<number> {
  return port.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${migrateLockKey})`);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const rows = await tx.query('SELECT COALESCE(MAX(version), 0) AS v FROM schema_version');
    let current = intOf(rows[0]?.['v'] ?? 0);
    for (const m of migrations) {
      if (m.version <= current) continue;
      for (const statement of m.sql
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s.length > 0))
        await tx.query(statement);
      await tx.query('INSERT INTO schema_version (version) VALUES ($1)', [m.version]);
      current = m.version;
    }
    return current;
  });
}
