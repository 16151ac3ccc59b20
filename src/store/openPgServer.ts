import pg from 'pg';
import { writerLockKey, type SqlPort, type SqlRow, type SqlRunner } from './sqlPort.js';

/** Connections in the pool for reads and transactions, besides the writer's and listener's sessions. */
const poolSizeMax = 8;

/** BEGIN, fn, COMMIT on one connection; ROLLBACK and rethrow when fn or the commit fails. */
async function inTransaction<T>(client: pg.ClientBase, fn: (tx: SqlRunner) => Promise<T>): Promise<T> {
  try {
    await client.query('BEGIN');
    const out = await fn({
      query: async (sql: string, params: readonly unknown[] = []) => (await client.query(sql, [...params])).rows as SqlRow[],
    });
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * The PostgreSQL-server adapter (`--database postgres://…`). The writer lock is a session-level
 * advisory lock on a dedicated connection that stays open for the server's life; LISTEN uses
 * another dedicated connection, so NOTIFY reaches followers on other machines.
 */
export async function openPgServer(url: string): Promise<SqlPort> {
  const pool = new pg.Pool({ connectionString: url, max: poolSizeMax });
  // An idle pooled connection dropped by the server must not crash the process.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  let lockSession: pg.Client | null = null;
  let listenSession: pg.Client | null = null;
  const listeners = new Map<string, Set<(payload: string) => void>>();

  const session = async (): Promise<pg.Client> => {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => undefined);
    await c.connect();
    return c;
  };

  return {
    kind: 'pg',
    query: async (sql, params = []) => (await pool.query(sql, [...params])).rows as SqlRow[],
    async transaction(fn) {
      // The writer runs its transactions on its lock session, so a lost lock means a lost connection.
      const client = lockSession ?? (await pool.connect());
      try {
        return await inTransaction(client, fn);
      } finally {
        if (client !== lockSession) (client as pg.PoolClient).release();
      }
    },
    async tryWriterLock() {
      if (lockSession) return true;
      const c = await session();
      const r = await c.query(`SELECT pg_try_advisory_lock(${writerLockKey}) AS got`);
      if (r.rows[0]?.got === true) {
        lockSession = c;
        return true;
      }
      await c.end();
      return false;
    },
    async listen(channel, onPayload) {
      if (!listenSession) {
        listenSession = await session();
        listenSession.on('notification', (n) => {
          for (const f of listeners.get(n.channel) ?? []) f(n.payload ?? '');
        });
      }
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await listenSession.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onPayload);
      return async () => {
        set?.delete(onPayload);
      };
    },
    async close() {
      await listenSession?.end().catch(() => undefined);
      await lockSession?.end().catch(() => undefined);
      listenSession = null;
      lockSession = null;
      await pool.end();
    },
  };
}
