import type { FastifyInstance } from 'fastify';
import type { LedgerServiceApi } from '../service/serviceApi.js';
import type { AccountNonces } from './accountNonces.js';
import { accountNonceSchema, accountParamsSchema, errorSchema, headSchema, logPageSchema, logQuerySchema } from './apiSchemas.js';
import { defineRoute, type RouteTable } from './defineRoute.js';
import { HttpError } from './httpError.js';
import type { HttpLimits } from './httpLimits.js';

/** GET /v1/head, /v1/log, /v1/accounts/{account}. */
export function registerLedgerRoutes(
  app: FastifyInstance,
  table: RouteTable,
  deps: { service: LedgerServiceApi; limits: HttpLimits; nonces: AccountNonces },
): void {
  const { service, limits, nonces } = deps;
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/v1/head',
      operationId: 'getHead',
      tag: 'log',
      summary: 'The head of the log: seq, ledger block, state hash and log hash',
      responses: { 200: { description: 'The head', schema: headSchema } },
    },
    async () => service.head(),
  );
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/v1/log',
      operationId: 'getLog',
      tag: 'log',
      summary: 'Log entries (signed envelopes and hash chain) with seq > after, oldest first',
      query: logQuerySchema,
      responses: {
        200: { description: 'A page of entries and the head when it was read', schema: logPageSchema },
        400: { description: 'BAD_FIELD, NUMBER_OUT_OF_RANGE', schema: errorSchema },
      },
    },
    async ({ query }) => {
      const limit = query.limit ?? limits.pageSizeMax;
      if (limit < 1 || limit > limits.pageSizeMax) {
        throw new HttpError(400, 'NUMBER_OUT_OF_RANGE', `limit must be 1..${limits.pageSizeMax}`);
      }
      const head = service.head();
      const entries = await service.log(query.after ?? 0, limit);
      return { entries, head };
    },
  );
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/v1/accounts/:account',
      operationId: 'getAccount',
      tag: 'log',
      summary: 'The last nonce an account used and the nonce to sign next',
      params: accountParamsSchema,
      responses: {
        200: { description: 'Nonces as decimal strings', schema: accountNonceSchema },
        400: { description: 'BAD_FIELD', schema: errorSchema },
      },
    },
    async ({ params }) => {
      const last = await nonces.lastNonce(params.account);
      return { account: params.account, nonce: last.toString(), nextNonce: (last + 1n).toString() };
    },
  );
}
