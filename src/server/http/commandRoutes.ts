import type { FastifyInstance } from 'fastify';
import { z } from 'zod/v4';
import type { Envelope, LedgerServiceApi } from '../service/serviceApi.js';
import { envelopeSchema, errorSchema, receiptSchema } from './apiSchemas.js';
import { defineRoute, type RouteTable } from './defineRoute.js';
import { HttpError, sendError } from './httpError.js';
import type { HttpLimits } from './httpLimits.js';
import type { RateLimiter } from './rateLimiter.js';

function parseOne(raw: unknown, where: string): Envelope {
  const r = envelopeSchema.safeParse(raw);
  if (r.success) return r.data as Envelope;
  const issue = r.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${where}.${issue.path.join('.')}` : where;
  const detail = issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid');
  throw new HttpError(400, 'BAD_ENVELOPE', `${path}: ${detail}`);
}

/** One envelope or a non-empty array of at most batchSizeMax, each checked by the envelope schema. */
function parseCommandsBody(raw: unknown, batchSizeMax: number): { envelopes: Envelope[]; batch: boolean } {
  if (!Array.isArray(raw)) return { envelopes: [parseOne(raw, 'body')], batch: false };
  if (raw.length === 0) throw new HttpError(400, 'BAD_ENVELOPE', 'body: an empty batch');
  if (raw.length > batchSizeMax) throw new HttpError(413, 'TOO_LARGE', `a batch holds at most ${batchSizeMax} envelopes`);
  return { envelopes: raw.map((e, i) => parseOne(e, `body[${i}]`)), batch: true };
}

/** POST /v1/commands: signed envelopes → receipts (SPEC §9 answers). */
export function registerCommandRoutes(
  app: FastifyInstance,
  table: RouteTable,
  deps: { service: LedgerServiceApi; limits: HttpLimits; accountLimiter: RateLimiter },
): void {
  const { service, limits, accountLimiter } = deps;
  const bodySchema = z.union([envelopeSchema, z.array(envelopeSchema).min(1).max(limits.batchSizeMax)]);
  defineRoute(
    app,
    table,
    {
      method: 'POST',
      url: '/v1/commands',
      operationId: 'submitCommands',
      tag: 'commands',
      summary: 'Submit one signed envelope, or an array applied in order, all or nothing',
      description:
        'The same envelope sent again returns its first receipt. A command the ledger refuses is answered 422 with its ledger code; it is not appended and its nonce stays unused.',
      body: bodySchema,
      parseBody: (raw) => raw as z.output<typeof bodySchema>, // parseCommandsBody below gives per-envelope errors
      responses: {
        200: {
          description: 'A receipt (one envelope) or an array of receipts (a batch)',
          schema: z.union([receiptSchema, z.array(receiptSchema)]),
        },
        400: { description: 'PARSE_ERROR, BAD_ENVELOPE', schema: errorSchema },
        401: { description: 'BAD_SIGNATURE', schema: errorSchema },
        403: { description: 'NOT_AUTHORIZED (naming the role needed)', schema: errorSchema },
        409: { description: 'NONCE_USED, NONCE_GAP', schema: errorSchema },
        413: { description: 'TOO_LARGE (body bytes or batch size)', schema: errorSchema },
        415: { description: 'BAD_CONTENT_TYPE', schema: errorSchema },
        422: { description: 'The ledger refused the command: its ledger code', schema: errorSchema },
        429: { description: 'RATE_LIMITED, with Retry-After', schema: errorSchema },
        503: { description: 'The server is a read-only replica', schema: errorSchema },
      },
    },
    async ({ body, reply }) => {
      const { envelopes, batch } = parseCommandsBody(body, limits.batchSizeMax);
      for (const e of envelopes) {
        const wait = accountLimiter.take(e.account);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw new HttpError(429, 'RATE_LIMITED', `account ${e.account}`);
        }
      }
      const outcome = await service.submit(envelopes);
      if (!outcome.ok) {
        const at = batch && outcome.index !== undefined ? ` (envelope ${outcome.index})` : '';
        return sendError(reply, outcome.status, outcome.code, `${outcome.message}${at}`);
      }
      return batch ? outcome.receipts : outcome.receipts[0];
    },
  );
}
