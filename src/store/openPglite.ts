import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { StakemeshFailure } from '../errors/result.js';
import { writerLockKey, type SqlPort, type SqlRow } from './sqlPort.js';

interface Shared {
  readonly db: PGlite;
  refs: number;
  /** PGlite is one session, so pg_try_advisory_lock always succeeds on it: the holder is tracked here. */
  writer: object | null;
  readonly lockFile: string;
}

/** One PGlite per data folder per process: two instances on the same files would corrupt them. */
const opened = new Map<string, Promise<Shared>>();

/**
 * The embedded adapter: PGlite with its files under `<dataDir>/pgdata`. Several opens in one
 * process share the instance (a writer and `--follow` readers in tests); another process on the
 * same folder is refused (DATA_DIR_IN_USE) through a pid file, since PGlite is single-process.
 */
export async function openPglite(dataDir: string): Promise<SqlPort> {
  const dir = resolve(dataDir, 'pgdata');
  let entry = opened.get(dir);
  if (!entry) {
    entry = createShared(dataDir, dir);
    opened.set(dir, entry);
    entry.catch(() => opened.delete(dir));
  }
  const shared = await entry;
  shared.refs += 1;
  return handle(shared, dir);
}

async function createShared(dataDir: string, dir: string): Promise<Shared> {
  mkdirSync(dir, { recursive: true });
  const lockFile = join(resolve(dataDir), 'stakemesh.pid');
  claimFolder(lockFile);
  const db = await PGlite.create(dir);
  return { db, refs: 0, writer: null, lockFile };
}

function claimFolder(lockFile: string): void {
  let holder = NaN;
  try {
    holder = Number(readFileSync(lockFile, 'utf8').trim());
  } catch {
    // No pid file: the folder is free.
  }
  if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && alive(holder)) {
    throw new StakemeshFailure('DATA_DIR_IN_USE', `${lockFile} names running process ${holder}`);
  }
  writeFileSync(lockFile, `${process.pid}\n`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function handle(shared: Shared, dir: string): SqlPort {
  const me = {};
  const unlisteners = new Set<() => Promise<void>>();
  let closed = false;
  const query = async (sql: string, params: readonly unknown[] = []): Promise<SqlRow[]> =>
    (await shared.db.query<SqlRow>(sql, [...params])).rows;
  return {
    kind: 'pglite',
    query,
    transaction: (fn) => shared.db.transaction((tx) => fn({ query: async (sql, params = []) => (await tx.query<SqlRow>(sql, [...params])).rows })),
    async tryWriterLock() {
      if (shared.writer !== null && shared.writer !== me) return false;
      await query(`SELECT pg_try_advisory_lock(${writerLockKey})`);
      shared.writer = me;
      return true;
    },
    async listen(channel, onPayload) {
      const off = await shared.db.listen(channel, onPayload);
      unlisteners.add(off);
      return async () => {
        if (unlisteners.delete(off)) await off();
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const off of [...unlisteners]) await off();
      unlisteners.clear();
      if (shared.writer === me) {
        shared.writer = null;
        await query(`SELECT pg_advisory_unlock(${writerLockKey})`);
      }
      shared.refs -= 1;
      if (shared.refs > 0) return;
      opened.delete(dir);
      await shared.db.close();
      writeFileSync(shared.lockFile, '');
    },
  };
}
