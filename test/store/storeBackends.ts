// Test backends for the store: embedded PGlite and a PostgreSQL server (STAKEMESH_TEST_PG_URL).
// The same suites run on both. PGlite's first initdb is slow (seconds of WASM), so one template
// data folder is made once per machine and copied; each test file keeps its PGlite open for its
// whole run and every test starts from an empty schema. On PostgreSQL each test file gets its own
// schema (files run in parallel processes), dropped at the end.
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPglite } from '../../src/store/openPglite.js';
import type { SqlPort } from '../../src/store/sqlPort.js';

export interface Backend {
  readonly name: 'pglite' | 'pg';
  /** A reason to skip this backend, or false. */
  readonly skip: string | false;
  /** Store options for openLedgerService / openSqlPort. */
  store(): { dataDir: string; database?: string };
  /** Opens the backend for this file (call in `before`). */
  setUp(): Promise<void>;
  /** Empties the schema: the next open migrates a fresh log. */
  reset(): Promise<void>;
  tearDown(): Promise<void>;
}

const templateDir = join(tmpdir(), 'stakemesh-test-pglite-template-1');

async function pgliteTemplate(): Promise<string> {
  const target = join(templateDir, 'pgdata');
  if (existsSync(target)) return target;
  const building = mkdtempSync(join(tmpdir(), 'stakemesh-template-'));
  const db = await PGlite.create(join(building, 'pgdata'));
  await db.close();
  try {
    renameSync(building, templateDir);
  } catch {
    // Another test process made it first.
    rmSync(building, { recursive: true, force: true });
  }
  return target;
}

const dropAll = 'DROP TABLE IF EXISTS alert_deliveries, alert_rules, alert_request_nonces, log, snapshots, meta, schema_version';

function pgliteBackend(): Backend {
  let dataDir = '';
  let holder: SqlPort | null = null;
  return {
    name: 'pglite',
    skip: false,
    store: () => ({ dataDir }),
    async setUp() {
      dataDir = mkdtempSync(join(tmpdir(), 'stakemesh-test-'));
      cpSync(await pgliteTemplate(), join(dataDir, 'pgdata'), { recursive: true });
      // Holding one handle keeps the embedded database open between the services of a file.
      holder = await openPglite(dataDir);
    },
    async reset() {
      await holder?.query(dropAll);
    },
    async tearDown() {
      await holder?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function pgBackend(file: string): Backend {
  const url = process.env['STAKEMESH_TEST_PG_URL'];
  const schema = `t_${file.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}`;
  const database = url ? `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` : '';
  const admin = async (sql: string): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    name: 'pg',
    skip: url ? false : 'STAKEMESH_TEST_PG_URL is not set (.ci/run sets it to a PostgreSQL 15 test database)',
    store: () => ({ dataDir: join(tmpdir(), 'stakemesh-unused'), database }),
    setUp: () => admin(`CREATE SCHEMA IF NOT EXISTS ${schema}`),
    reset: () => admin(`SET search_path = ${schema}; ${dropAll}`),
    tearDown: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`),
  };
}

/** Both backends; `file` names the test file (its PostgreSQL schema). */
export function storeBackends(file: string): Backend[] {
  return [pgliteBackend(), pgBackend(file)];
}
