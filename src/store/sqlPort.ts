/**
 * The small SQL port the store runs on. Two adapters implement it (embedded PGlite and a
 * PostgreSQL server through `pg`) and both run exactly the same SQL text with $n parameters.
 */
export type SqlRow = Readonly<Record<string, unknown>>;

export interface SqlRunner {
  query(sql: string, params?: readonly unknown[]): Promise<SqlRow[]>;
}

export interface SqlPort extends SqlRunner {
  readonly kind: 'pglite' | 'pg';
  /** Runs `fn` inside BEGIN … COMMIT on one session; rolls back when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * The single-writer lock (pg_try_advisory_lock on a session that stays open until close).
   * True when this port now holds it; false when another holder has it.
   */
  tryWriterLock(): Promise<boolean>;
  /** LISTEN on a channel (NOTIFY is sent with `SELECT pg_notify(…)` inside a transaction). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * Advisory-lock keys as (class, object) pairs: the class names the purpose, the object is the
 * schema the log lives in, so logs in different schemas of one database have their own writer.
 */
export const writerLockKey = '1936417645, hashtext(current_schema())';
/** Serialises migrations between concurrent openers. */
export const migrateLockKey = '1936417646, hashtext(current_schema())';
/** The channel a writer notifies after each commit; the payload is the new head seq. */
export const commitChannel = 'stakemesh_commit';

/** Integers come back as number (PGlite), string (pg int8) or bigint; the log's fit in a double. */
export function intOf(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw new Error(`assertion failed: expected an integer column, got ${String(v)}`);
  return n;
}

export function textOf(v: unknown): string {
  if (typeof v !== 'string') throw new Error(`assertion failed: expected a text column, got ${typeof v}`);
  return v;
}
