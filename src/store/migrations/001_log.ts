/**
 * Migration 1: the append-only, hash-chained command log (SPEC §9), state snapshots, and a
 * key/value table for the server's own settings (genesis time, block-clock key).
 * Text, not JSONB, for commands and results: the JCS text is what the hash chain covers, and
 * JSONB would reorder keys.
 */
export const migration001 = `
CREATE TABLE log (
  seq        BIGINT PRIMARY KEY,
  block      BIGINT NOT NULL,
  account    TEXT   NOT NULL,
  nonce      BIGINT NOT NULL,
  type       TEXT   NOT NULL,
  command    TEXT   NOT NULL,
  signature  TEXT   NOT NULL,
  prev_hash  TEXT   NOT NULL,
  hash       TEXT   NOT NULL,
  result     TEXT   NOT NULL,
  UNIQUE (account, nonce)
);
CREATE INDEX log_block ON log (block, seq);
CREATE INDEX log_type ON log (type) WHERE type IN ('registerOperator', 'createService', 'createLrt', 'createInsurancePool');
CREATE TABLE snapshots (
  seq        BIGINT PRIMARY KEY,
  block      BIGINT NOT NULL,
  state_hash TEXT   NOT NULL,
  state      TEXT   NOT NULL
);
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
