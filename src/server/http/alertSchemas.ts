// Zod schemas of the alerts API (docs/server.md "Alerts"): they validate requests and appear in /openapi.json.
import { z } from 'zod/v4';
import { alertPathCharsMax, webhookUrlCharsMax } from '../../risk/alerts/parseAlertRule.js';
import { accountSchema } from './apiSchemas.js';

const exact = z.string().min(1).max(250).meta({ description: 'An exact decimal or "p/q"' });
const figurePath = z
  .string()
  .min(2)
  .max(alertPathCharsMax)
  .meta({ description: 'A figure path of the metrics document, e.g. /network/slack (docs/metrics.md)' });
const entityId = z.string().min(1).max(alertPathCharsMax);

export const alertConditionSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('threshold'), metric: figurePath, direction: z.enum(['above', 'below']), threshold: exact }).strict(),
    z.object({ kind: z.literal('verdict'), metric: figurePath.optional() }).strict(),
    z.object({ kind: z.literal('slash'), entity: z.enum(['operator', 'set', 'vault']), id: entityId }).strict(),
    z.object({ kind: z.literal('exposure'), target: z.enum(['vault', 'lrt']), id: entityId, limit: exact }).strict(),
  ])
  .meta({ title: 'AlertCondition', description: 'What fires the rule (docs/alerts.md)' });

export const alertRuleBodySchema = z
  .object({
    condition: alertConditionSchema,
    webhook: z
      .string()
      .max(webhookUrlCharsMax)
      .optional()
      .meta({ description: 'http(s) URL the server POSTs each event to; omitted: SSE only' }),
  })
  .strict()
  .meta({ title: 'AlertRuleBody' });

const requestNonce = z
  .string()
  .regex(/^[1-9][0-9]{0,17}$/)
  .meta({
    description:
      'The signing time in milliseconds since 1970, within 5 minutes of the server clock, greater than the account’s last alert-request nonce',
  });
const signature = z.string().min(1).max(200).meta({ description: 'As for commands: ed25519 128 hex, or EIP-712 65 bytes 0x-hex' });

/** A signed alert request carried in a body: an envelope of SPEC §9 whose command is `command`. */
export const signedRequestSchema = <C extends z.ZodType>(title: string, command: C) =>
  z
    .object({ account: accountSchema, nonce: requestNonce, command, signature })
    .strict()
    .meta({ title, description: 'A signed alert request (docs/server.md "Alerts")' });

export const createAlertRequestSchema = signedRequestSchema(
  'CreateAlertRequest',
  z.object({ type: z.literal('createAlert'), rule: alertRuleBodySchema }).strict(),
);
export const retryDeadLetterRequestSchema = signedRequestSchema(
  'RetryDeadLetterRequest',
  z.object({ type: z.literal('retryDeadLetter'), id: z.string().min(1).max(100) }).strict(),
);

/** The three headers that sign a GET or DELETE alert request (its command is implied by the route). */
export const signedRequestHeaders = [
  { name: 'stakemesh-account', description: 'The signing account (owner of the rules)' },
  { name: 'stakemesh-nonce', description: 'Milliseconds since 1970 at signing; must exceed the account’s last alert-request nonce' },
  {
    name: 'stakemesh-signature',
    description: 'Signature of { account, nonce, command } with the command this route implies (docs/server.md)',
  },
] as const;

export const alertRuleSchema = z
  .object({
    id: z.string(),
    owner: z.string(),
    condition: alertConditionSchema,
    webhook: z.string().nullable(),
    createdMs: z.number().int(),
  })
  .meta({ title: 'AlertRule' });

export const createdAlertRuleSchema = alertRuleSchema
  .extend({ secret: z.string().meta({ description: 'HMAC-SHA256 key of the webhook signatures (64 hex): answered only here, once' }) })
  .meta({ title: 'CreatedAlertRule' });

export const alertRuleListSchema = z.object({ rules: z.array(alertRuleSchema) }).meta({ title: 'AlertRuleList' });

export const alertEventSchema = z
  .object({
    id: z.string().meta({ description: 'SHA-256 of (rule, stateHash, subject): de-duplicate by it' }),
    ruleId: z.string(),
    owner: z.string(),
    kind: z.enum(['threshold', 'verdict', 'slash', 'exposure']),
    block: z.number().int(),
    seq: z.number().int(),
    stateHash: z.string(),
    subject: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ title: 'AlertEvent' });

export const deadLetterListSchema = z
  .object({
    deadLetters: z.array(
      z.object({
        event: alertEventSchema,
        ruleId: z.string(),
        url: z.string(),
        attempts: z.number().int(),
        lastError: z.string(),
        deadAtMs: z.number().int(),
      }),
    ),
  })
  .meta({ title: 'DeadLetterList' });

export const alertIdParamsSchema = z.object({
  id: z.string().min(1).max(100).meta({ description: 'Rule id, or event id of a dead letter' }),
});
