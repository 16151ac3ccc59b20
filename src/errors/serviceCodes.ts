/** The ledger service (SPEC §9): envelopes, signatures, nonces, authorization, the durable log. */
export const serviceCodes = {
  BAD_ENVELOPE: 'The envelope is malformed: { account, nonce, command, signature } with the syntax of SPEC §9',
  BAD_SIGNATURE: 'The signature does not verify for this account, chain id and message',
  NONCE_USED: "The account's nonce was already used by another envelope",
  NONCE_GAP: "The nonce is not the account's next one (1 for its first command, then one more each time)",
  NOT_AUTHORIZED: 'The signing account may not issue this command',
  READ_ONLY: 'This server is read-only (a follower, or another server holds the writer lock)',
  LOG_CORRUPT: 'The stored command log fails verification (hash chain, snapshot or replay)',
  SERVICE_CLOSED: 'The ledger service is closed',
  STORE_FAILED: 'The database refused or lost the write; nothing was acknowledged',
  BAD_KEY_FILE: 'Not a key file: JSON { scheme: "ed25519" | "secp256k1", secretKey: 64 hex } (as `stakemesh keys generate --json` writes)',
  CHAIN_ID_MISMATCH: 'The database holds a log of another chain id (signatures name the chain)',
  DATA_DIR_IN_USE: 'The embedded database directory is in use by another process',
} as const;
