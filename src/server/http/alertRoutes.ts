import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod/v4';
import type { ErrorCode } from '../../errors/catalogue.js';
import { StakemeshFailure, type Result } from '../../errors/result.js';
import { checkAlertRequest, requestNonceGuard, type AlertRequest, type AlertRequestType } from '../alerts/alertRequest.js';
import type { StoredRule } from '../alerts/alertRuleBook.js';
import type { Alerts } from '../alerts/openAlerts.js';
import {
  alertIdParamsSchema,
  alertRuleListSchema,
  createAlertRequestSchema,
  createdAlertRuleSchema,
  deadLetterListSchema,
  retryDeadLetterRequestSchema,
  signedRequestHeaders,
} from './alertSchemas.js';
import { errorSchema } from './apiSchemas.js';
import { defineRoute, type ResponseSpec, type RouteTable } from './defineRoute.js';
import { HttpError } from './httpError.js';
import type { RateLimiter } from './rateLimiter.js';

export interface AlertRouteDeps {
  /** Null on a server that keeps no alerts (read-only): every route answers 503 ALERTS_UNAVAILABLE. */
  readonly alerts: Alerts | null;
  readonly chainId: number;
  readonly accountLimiter: RateLimiter;
  readonly nowMs?: () => number;
}

/** HTTP status of each alert failure code. */
const statusOf: Partial<Record<ErrorCode, number>> = {
  BAD_ALERT_RULE: 400,
  WEBHOOK_NOT_ALLOWED: 400,
  UNKNOWN_ALERT_RULE: 404,
  UNKNOWN_DEAD_LETTER: 404,
  TOO_MANY_ALERT_RULES: 409,
  REQUEST_REPLAYED: 409,
};

const common: Readonly<Record<number, ResponseSpec>> = {
  400: {
    description: 'BAD_ENVELOPE (request shape, command type, id ≠ path id), BAD_ALERT_RULE, WEBHOOK_NOT_ALLOWED',
    schema: errorSchema,
  },
  401: {
    description: 'BAD_SIGNATURE (missing or wrong signature), STALE_REQUEST (nonce too far from the server clock)',
    schema: errorSchema,
  },
  409: { description: 'REQUEST_REPLAYED (nonce not above the last one), TOO_MANY_ALERT_RULES', schema: errorSchema },
  429: { description: 'RATE_LIMITED, with Retry-After', schema: errorSchema },
  503: { description: 'ALERTS_UNAVAILABLE (a read-only server)', schema: errorSchema },
};

function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw new HttpError(statusOf[r.error.code] ?? 400, r.error.code, undefined, r.error.message);
}

/** A guard failure (the replayed nonce) thrown inside a transaction, as an HTTP answer. */
async function guarded<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof StakemeshFailure) throw new HttpError(statusOf[e.code] ?? 400, e.code, undefined, e.message);
    throw e;
  }
}

const publicRule = (r: StoredRule) => ({ id: r.id, owner: r.owner, condition: r.condition, webhook: r.webhook, createdMs: r.createdMs });

/** Authentication of alert requests: body envelopes, header-signed requests, the nonce guard. */
function alertRequestHelpers(deps: AlertRouteDeps): Helpers {
  const nonces = new Map<string, bigint>(); // only for a book without a database
  const now = deps.nowMs ?? Date.now;
  const ready = (): Alerts => {
    if (!deps.alerts) throw new HttpError(503, 'ALERTS_UNAVAILABLE', 'send alert requests to the writer');
    return deps.alerts;
  };
  const authenticate = (raw: unknown, type: AlertRequestType, id?: string): AlertRequest => {
    ready();
    const check = checkAlertRequest(raw, { chainId: deps.chainId, nowMs: now(), type, ...(id !== undefined ? { id } : {}) });
    if (!check.ok) throw new HttpError(check.status, check.code, check.detail);
    const wait = deps.accountLimiter.take(check.value.account);
    if (wait > 0) throw new HttpError(429, 'RATE_LIMITED', `account ${check.value.account}`);
    return check.value;
  };
  const fromHeaders = (request: FastifyRequest, type: AlertRequestType, id?: string): AlertRequest => {
    const [account, nonce, signature] = signedRequestHeaders.map((x) => request.headers[x.name]);
    if (account === undefined || nonce === undefined || signature === undefined)
      throw new HttpError(401, 'BAD_SIGNATURE', `sign the request: headers ${signedRequestHeaders.map((x) => x.name).join(', ')}`);
    return authenticate({ account, nonce, command: id === undefined ? { type } : { type, id }, signature }, type, id);
  };
  return { ready, authenticate, fromHeaders, guard: (req) => requestNonceGuard(req, nonces) };
}

/** POST /v1/alerts, GET /v1/alerts, DELETE /v1/alerts/{id} and the dead-letter routes (SPEC §10, docs/server.md). */
export function registerAlertRoutes(app: FastifyInstance, table: RouteTable, deps: AlertRouteDeps): void {
  const h = alertRequestHelpers(deps);
  const { ready, authenticate, fromHeaders, guard } = h;
  defineRoute(
    app,
    table,
    {
      method: 'POST',
      url: '/v1/alerts',
      operationId: 'createAlert',
      tag: 'alerts',
      summary: 'Create an alert rule owned by the signing account; answers its webhook secret, once',
      description:
        'The body is an envelope whose command is { type: "createAlert", rule } and whose nonce is the signing time in ms (docs/server.md "Alerts").',
      body: createAlertRequestSchema,
      parseBody: (raw) => raw as never, // checkAlertRequest and parseAlertRule give the finer codes below
      responses: { 201: { description: 'The rule, with its secret', schema: createdAlertRuleSchema }, ...common },
    },
    async ({ body, reply }) => {
      const req = authenticate(body, 'createAlert');
      const shape = createAlertRequestSchema.shape.command.shape.rule.safeParse(req.command['rule']);
      if (!shape.success) {
        const issue = shape.error.issues[0];
        throw new HttpError(400, 'BAD_ALERT_RULE', `rule.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
      }
      const rule = unwrap(await guarded(ready().book.create(req.account, req.command['rule'], guard(req))));
      reply.code(201);
      return { ...publicRule(rule), secret: rule.secret };
    },
  );
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/v1/alerts',
      operationId: 'listAlerts',
      tag: 'alerts',
      summary: 'The signing account’s alert rules (without their secrets)',
      description: 'Signed by headers; the signed command is { type: "listAlerts" }.',
      requestHeaders: signedRequestHeaders,
      responses: { 200: { description: 'The rules', schema: alertRuleListSchema }, ...common },
    },
    async ({ request }) => {
      const req = fromHeaders(request, 'listAlerts');
      const rules = ready().book.list(req.account);
      // An account without rules has nothing to reveal: no nonce row is written for it (strangers cost no storage).
      if (rules.length > 0) await guarded(ready().authorize(guard(req)));
      return { rules: ready().book.list(req.account).map(publicRule) };
    },
  );
  registerDeleteAndDeadLetters(app, table, h);
}

interface Helpers {
  readonly ready: () => Alerts;
  readonly fromHeaders: (request: FastifyRequest, type: AlertRequestType, id?: string) => AlertRequest;
  readonly authenticate: (raw: unknown, type: AlertRequestType, id?: string) => AlertRequest;
  readonly guard: (req: AlertRequest) => ReturnType<typeof requestNonceGuard>;
}

const notFound = { 404: { description: 'UNKNOWN_ALERT_RULE / UNKNOWN_DEAD_LETTER (also for another account’s)', schema: errorSchema } };

function registerDeleteAndDeadLetters(app: FastifyInstance, table: RouteTable, h: Helpers): void {
  const del = (url: string, operationId: string, summary: string, type: 'deleteAlert' | 'ackDeadLetter') =>
    registerDelete(app, table, h, { url, operationId, summary, type });
  del(
    '/v1/alerts/:id',
    'deleteAlert',
    'Delete one of the signing account’s rules (its pending deliveries and dead letters go with it)',
    'deleteAlert',
  );
  del(
    '/v1/alerts/dead-letters/:id',
    'ackDeadLetter',
    'Remove a dead letter (by event id) from the signing account’s list',
    'ackDeadLetter',
  );
  registerDeadLetterList(app, table, h);
  registerDeadLetterRetry(app, table, h);
}

interface DeleteRoute {
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly type: 'deleteAlert' | 'ackDeadLetter';
}

function registerDelete(app: FastifyInstance, table: RouteTable, h: Helpers, { url, operationId, summary, type }: DeleteRoute): void {
  defineRoute(
    app,
    table,
    {
      method: 'DELETE',
      url,
      operationId,
      tag: 'alerts',
      summary,
      description: `Signed by headers; the signed command is { type: "${type}", id }.`,
      params: alertIdParamsSchema,
      requestHeaders: signedRequestHeaders,
      responses: {
        200: { description: 'Done', schema: z.object({ [type === 'deleteAlert' ? 'deleted' : 'acked']: z.string() }) },
        ...notFound,
        ...common,
      },
    },
    async ({ params, request }) => {
      const req = h.fromHeaders(request, type, params.id);
      const alerts = h.ready();
      const r =
        type === 'deleteAlert'
          ? await guarded(alerts.book.delete(req.account, params.id, h.guard(req)))
          : await guarded(alerts.ackDeadLetter(req.account, params.id, h.guard(req)));
      unwrap(r);
      return type === 'deleteAlert' ? { deleted: params.id } : { acked: params.id };
    },
  );
}

function registerDeadLetterList(app: FastifyInstance, table: RouteTable, h: Helpers): void {
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/v1/alerts/dead-letters',
      operationId: 'listDeadLetters',
      tag: 'alerts',
      summary: 'The signing account’s undeliverable webhook events, newest first, with attempts and last error',
      description: 'Signed by headers; the signed command is { type: "listDeadLetters" }.',
      requestHeaders: signedRequestHeaders,
      responses: { 200: { description: 'The dead letters', schema: deadLetterListSchema }, ...common },
    },
    async ({ request }) => {
      const req = h.fromHeaders(request, 'listDeadLetters');
      if (h.ready().book.list(req.account).length === 0) return { deadLetters: [] }; // dead letters go with their rules
      await guarded(h.ready().authorize(h.guard(req)));
      return { deadLetters: await h.ready().deadLetters(req.account) };
    },
  );
}

function registerDeadLetterRetry(app: FastifyInstance, table: RouteTable, h: Helpers): void {
  defineRoute(
    app,
    table,
    {
      method: 'POST',
      url: '/v1/alerts/dead-letters/:id/retry',
      operationId: 'retryDeadLetter',
      tag: 'alerts',
      summary: 'Queue a dead letter for delivery again (attempts start over)',
      description: 'The body is an envelope whose command is { type: "retryDeadLetter", id } (id = the event id in the path).',
      params: alertIdParamsSchema,
      body: retryDeadLetterRequestSchema,
      parseBody: (raw) => raw as never,
      responses: { 200: { description: 'Queued', schema: z.object({ retried: z.string() }) }, ...notFound, ...common },
    },
    async ({ params, body }) => {
      const req = h.authenticate(body, 'retryDeadLetter', params.id);
      unwrap(await guarded(h.ready().retryDeadLetter(req.account, params.id, h.guard(req))));
      return { retried: params.id };
    },
  );
}
