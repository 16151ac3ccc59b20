import { jobKinds, type JobKind } from '../jobs/jobSpec.js';
import type { JobRecord, ResultStore } from '../jobs/resultStore.js';
import { textOf, type SqlRunner } from './sqlPort.js';

/** Largest stored result read back (characters of JSON): a bigger row is treated as absent and recomputed. */
export const storedResultCharsMax = 64 * 1024 * 1024;

function kindOf(v: unknown): JobKind {
  const k = textOf(v);
  if (!(jobKinds as readonly string[]).includes(k)) throw new Error(`assertion failed: job_results.kind ${k}`);
  return k as JobKind;
}

/**
 * Finished jobs in the store's database (table job_results, migration 2), on PGlite or a PostgreSQL server: results
 * survive restarts, so the same job after a restart is answered from the table. A key is written once (the first
 * result wins; a job's result is a function of its key, so a second one would be the same bits).
 */
export function sqlResultStore(db: SqlRunner): ResultStore {
  return {
    async get(key) {
      const rows = await db.query(
        `SELECT key, kind, state_hash, params, result, (EXTRACT(EPOCH FROM finished_at) * 1000)::float8 AS finished_ms
           FROM job_results WHERE key = $1 AND length(result) <= $2`,
        [key, storedResultCharsMax],
      );
      const r = rows[0];
      if (!r) return null;
      const record: JobRecord = {
        key: textOf(r['key']),
        kind: kindOf(r['kind']),
        stateHash: textOf(r['state_hash']),
        params: JSON.parse(textOf(r['params'])) as Record<string, unknown>,
        result: JSON.parse(textOf(r['result'])) as unknown,
        finishedAt: Math.round(Number(r['finished_ms'])),
      };
      return record;
    },
    async put(record) {
      await db.query(
        `INSERT INTO job_results (key, kind, state_hash, params, result, finished_at)
         VALUES ($1, $2, $3, $4, $5, to_timestamp($6::float8 / 1000)) ON CONFLICT (key) DO NOTHING`,
        [record.key, record.kind, record.stateHash, JSON.stringify(record.params), JSON.stringify(record.result), record.finishedAt],
      );
    },
  };
}
