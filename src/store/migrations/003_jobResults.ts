/**
 * Migration 3: finished risk jobs (SPEC §10 "result stored, keyed by a content hash"), one row per job key
 * (SHA-256 of the JCS of { kind, stateHash, params }). `result` is the JSON text exactly as the job produced it —
 * text, not JSONB, so a cached answer is byte-for-byte the first one (JSONB would reorder keys). Indexed by
 * state so that one state's figures are found in one query.
 */
export const migration003 = `
CREATE TABLE job_results (
  key         TEXT        PRIMARY KEY CHECK (key ~ '^[0-9a-f]{64}$'),
  kind        TEXT        NOT NULL CHECK (kind IN ('montecarlo', 'analyze', 'price', 'optimize', 'report')),
  state_hash  TEXT        NOT NULL,
  params      TEXT        NOT NULL,
  result      TEXT        NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX job_results_state ON job_results (state_hash, kind)
`;
