import type { JobKind } from './jobSpec.js';

/** A finished job as stored (SPEC §10: results stored, keyed by the content hash). */
export interface JobRecord {
  readonly key: string;
  readonly kind: JobKind;
  readonly stateHash: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly result: unknown;
  /** ms since the epoch (informational; never part of the key or the result). */
  readonly finishedAt: number;
}

/** Where finished jobs live. Only successful results are stored: a failed job may be run again. */
export interface ResultStore {
  get(key: string): Promise<JobRecord | null>;
  put(record: JobRecord): Promise<void>;
}

/**
 * The SQL table the durable store (src/store, PostgreSQL/PGlite) adopts for job results: one row per key;
 * `result` is the JSON result. Indexed by state so that a state's figures are found in one query.
 */
export const jobResultsTableSql = `CREATE TABLE IF NOT EXISTS job_results (
  key         text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{64}$'),
  kind        text NOT NULL CHECK (kind IN ('montecarlo', 'analyze', 'price', 'optimize', 'report')),
  state_hash  text NOT NULL,
  params      jsonb NOT NULL,
  result      jsonb NOT NULL,
  finished_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS job_results_state ON job_results (state_hash, kind);`;
