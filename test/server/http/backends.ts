// The two storage backends the end-to-end tests run on: PGlite in a temporary folder, and a fresh
// database on the PostgreSQL server of STAKEMESH_TEST_PG_URL (skipped with a reason when unset).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { signerKeyOf, type SignerKey } from '../../../src/server/envelope/signerKey.js';

export interface Store {
  /** ServiceOptions.dataDir and .database for this store. */
  readonly dataDir: string;
  readonly database: string | undefined;
  drop(): Promise<void>;
}

export interface Backend {
  readonly name: 'pglite' | 'postgresql';
  /** Why the backend is skipped, or undefined when it runs. */
  readonly skip: string | undefined;
  fresh(): Promise<Store>;
}

const pgUrl = process.env['STAKEMESH_TEST_PG_URL'];
let dbCounter = 0;

/** A new database next to the one in the URL (its own tables and its own writer lock), dropped after. */
async function freshPgDatabase(baseUrl: string): Promise<Store> {
  const name = `${new URL(baseUrl).pathname.slice(1)}_t${process.pid}_${++dbCounter}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'stakemesh-pg-'));
  return {
    dataDir,
    database: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).catch(() => undefined);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const backends: readonly Backend[] = [
  {
    name: 'pglite',
    skip: undefined,
    async fresh() {
      const dataDir = mkdtempSync(join(tmpdir(), 'stakemesh-pglite-'));
      return { dataDir, database: undefined, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgresql',
    skip: pgUrl ? undefined : 'STAKEMESH_TEST_PG_URL is not set (.ci/run sets it; locally point it at a PostgreSQL database you may write)',
    fresh: () => freshPgDatabase(pgUrl ?? ''),
  },
];

/** A deterministic ed25519 signer per name (tests only). */
export function testKey(name: string): SignerKey {
  return signerKeyOf('ed25519', createHash('sha256').update(`stakemesh-test:${name}`).digest('hex'));
}
