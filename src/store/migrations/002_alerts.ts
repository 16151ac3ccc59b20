/**
 * Migration 2: alert rules, their webhook deliveries and the alert-request nonces (SPEC §10).
 * These are not ledger state: they live beside the log, outside the hash chain, and are written
 * by the HTTP adapter only (docs/server.md "Alerts"). JSON is stored as text, like the log.
 * A delivery row is `pending` while it is being tried (re-queued at start, so a restart does not
 * lose an event) and `dead` once its attempts are spent (the dead-letter list).
 */
export const migration002 = `
CREATE TABLE alert_rules (
  id         TEXT   PRIMARY KEY,
  owner      TEXT   NOT NULL,
  condition  TEXT   NOT NULL,
  webhook    TEXT,
  secret     TEXT   NOT NULL,
  created_ms BIGINT NOT NULL
);
CREATE INDEX alert_rules_owner ON alert_rules (owner, created_ms);
CREATE TABLE alert_deliveries (
  event_id   TEXT   NOT NULL,
  rule_id    TEXT   NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
  owner      TEXT   NOT NULL,
  url        TEXT   NOT NULL,
  event      TEXT   NOT NULL,
  status     TEXT   NOT NULL CHECK (status IN ('pending', 'dead')),
  attempts   INT    NOT NULL,
  last_error TEXT   NOT NULL,
  updated_ms BIGINT NOT NULL,
  PRIMARY KEY (event_id)
);
CREATE INDEX alert_deliveries_owner ON alert_deliveries (owner, status, updated_ms);
CREATE TABLE alert_request_nonces (
  account TEXT   PRIMARY KEY,
  nonce   BIGINT NOT NULL
);
`;
