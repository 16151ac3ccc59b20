// The zod schemas of the HTTP API: they validate requests and are the source of /openapi.json.
import { z } from 'zod/v4';

/** Longest account string accepted before the service looks at it (`ed25519:` + 64 hex is 72). */
const accountCharsMax = 80;
/** Longest signature string (ed25519: 128 hex; Ethereum: 0x + 130 hex). */
const signatureCharsMax = 200;

export const errorSchema = z
  .object({
    code: z.string().meta({ description: 'A code of the one catalogue (docs/errors.md)', example: 'NONCE_GAP' }),
    message: z.string(),
  })
  .meta({ title: 'Error' });

export const accountSchema = z
  .string()
  .min(1)
  .max(accountCharsMax)
  .meta({ description: '`ed25519:<64 hex public key>` or a lowercase Ethereum address `0x<40 hex>`' });

export const commandSchema = z
  .object({ type: z.string().min(1).max(64) })
  .catchall(z.unknown())
  .meta({ description: 'A ledger command (SPEC §4); unknown fields are refused by the ledger with BAD_FIELD' });

export const envelopeSchema = z
  .object({
    account: accountSchema,
    nonce: z
      .string()
      .regex(/^[1-9][0-9]{0,19}$/)
      .meta({ description: 'Decimal string: 1 for the first command of the account, then +1 each time' }),
    command: commandSchema,
    signature: z.string().min(1).max(signatureCharsMax).meta({ description: 'ed25519: 128 hex; Ethereum: 65 bytes 0x-hex (low s)' }),
  })
  .strict()
  .meta({ title: 'Envelope', description: 'A signed command (SPEC §9)' });

export const receiptSchema = z
  .object({
    seq: z.number().int(),
    block: z.number().int(),
    hash: z.string().meta({ description: 'SHA-256(prevHash ‖ JCS of the envelope), hex' }),
    result: z.record(z.string(), z.unknown()).meta({ description: 'The ledger result (ids created, …), as run --json reports it' }),
  })
  .meta({ title: 'Receipt' });

export const headSchema = z
  .object({ chainId: z.number().int(), seq: z.number().int(), block: z.number().int(), stateHash: z.string(), logHash: z.string() })
  .meta({ title: 'Head' });

export const logEntrySchema = z
  .object({ seq: z.number().int(), block: z.number().int(), envelope: envelopeSchema, prevHash: z.string(), hash: z.string() })
  .meta({ title: 'LogEntry' });

export const logPageSchema = z.object({ entries: z.array(logEntrySchema), head: headSchema }).meta({ title: 'LogPage' });

export const accountNonceSchema = z
  .object({ account: z.string(), nonce: z.string().meta({ description: 'Last nonce used ("0" when none)' }), nextNonce: z.string() })
  .meta({ title: 'AccountNonce' });

export const healthSchema = z.object({ ok: z.boolean(), readOnly: z.boolean(), seq: z.number().int() }).meta({ title: 'Health' });

const nonNegativeInt = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/)
  .transform(Number);

export const logQuerySchema = z
  .object({
    after: nonNegativeInt.optional().meta({ description: 'Entries with seq greater than this (default 0)' }),
    limit: nonNegativeInt.optional().meta({ description: 'Page size, at most pageSizeMax (1000, the default)' }),
  })
  .strict();

export const atQuerySchema = z
  .object({
    seq: nonNegativeInt.optional().meta({ description: 'The state after the command with this seq' }),
    block: nonNegativeInt.optional().meta({ description: 'The state after the last command at or before this block' }),
  })
  .strict();

export const eventsQuerySchema = z
  .object({ after: nonNegativeInt.optional().meta({ description: 'Replay from this seq (same as Last-Event-ID)' }) })
  .strict();

export const idParamsSchema = z.object({ id: z.string().meta({ description: 'Entity id (printable ASCII, ≤ 128 chars)' }) });
export const accountParamsSchema = z.object({ account: accountSchema });

const exposureRow = z.object({ operator: z.string(), set: z.string(), amount: z.string().meta({ description: 'Exact numeraire, "p/q"' }) });
export const exposureSchema = z
  .object({ rows: z.array(exposureRow), total: z.string() })
  .meta({ title: 'Exposure', description: 'Look-through slashable exposure per (operator, set), after unwrapping LRT layers' });

export const stakerSchema = z
  .object({
    delegatedTo: z.string().nullable(),
    vaults: z.record(z.string(), z.object({ depositShares: z.string(), withdrawableShares: z.string(), depositScalingFactor: z.string() })),
    exposure: exposureSchema,
  })
  .meta({ title: 'Staker' });

export const withdrawalSchema = z
  .object({
    staker: z.string(),
    vault: z.string(),
    operator: z.string().nullable(),
    scaledShares: z.string(),
    expectedShares: z.string(),
    startBlock: z.number().int(),
    completed: z.boolean(),
  })
  .meta({ title: 'Withdrawal' });

/** Views whose shape follows `run --json` sections documented in docs/ledger.md, lrt.md, insurance.md. */
export const viewSchema = (id: string, description: string): z.ZodType =>
  z.object({}).catchall(z.unknown()).meta({ title: id, description });
