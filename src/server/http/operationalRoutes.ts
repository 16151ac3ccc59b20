import type { FastifyInstance } from 'fastify';
import type { LedgerServiceApi } from '../service/serviceApi.js';
import { errorSchema, eventsQuerySchema, healthSchema } from './apiSchemas.js';
import { defineRoute, type RouteTable } from './defineRoute.js';
import { docsHtml } from './docsPage.js';
import type { EventHub } from './eventStream.js';
import type { HttpMetrics } from './httpMetrics.js';
import { buildOpenApi } from './openApi.js';

const apiInfo = {
  title: 'stakemesh ledger service',
  version: '1',
  description:
    'The restaking ledger as a durable, authenticated service (SPEC §9). Errors are { code, message } with a code of docs/errors.md. Amounts are exact decimal strings.',
};

/** GET /v1/events, /healthz, /metrics, /openapi.json, /docs. Register last: the OpenAPI document lists the table. */
export function registerOperationalRoutes(
  app: FastifyInstance,
  table: RouteTable,
  deps: { service: LedgerServiceApi; events: EventHub; metrics: HttpMetrics },
): void {
  registerEventsRoute(app, table, deps.events);
  registerHealthRoutes(app, table, deps);
  registerDocsRoutes(app, table);
}

/** GET /v1/events: the SSE stream of the EventHub. */
function registerEventsRoute(app: FastifyInstance, table: RouteTable, events: EventHub): void {
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/v1/events',
      operationId: 'events',
      tag: 'events',
      summary: 'Server-Sent Events: `command` per committed command, `slash` per slash command; id = seq',
      description: 'Without Last-Event-ID or ?after= the stream starts at the head. Heartbeat comments keep it open.',
      query: eventsQuerySchema,
      requestHeaders: [{ name: 'Last-Event-ID', description: 'Resume after this seq (the id of the last event received)' }],
      responses: {
        200: { description: 'text/event-stream', contentType: 'text/event-stream' },
        503: { description: 'TOO_MANY_CLIENTS', schema: errorSchema },
      },
    },
    async ({ query, request, reply }) => events.open(request, reply, query.after),
  );
}

/** GET /healthz and /metrics (Prometheus). */
function registerHealthRoutes(
  app: FastifyInstance,
  table: RouteTable,
  { service, metrics }: { service: LedgerServiceApi; metrics: HttpMetrics },
): void {
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/healthz',
      operationId: 'health',
      tag: 'operations',
      summary: 'Liveness: the head seq and whether this server is a read-only replica',
      responses: { 200: { description: 'Alive', schema: healthSchema } },
    },
    async () => ({ ok: true, readOnly: service.readOnly, seq: service.head().seq }),
  );
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/metrics',
      operationId: 'metrics',
      tag: 'operations',
      summary: 'Prometheus metrics: requests, latency histogram, commits, head seq and block, SSE clients',
      responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
    },
    async ({ reply }) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}

/** GET /docs and /openapi.json: the API described from the route table. */
function registerDocsRoutes(app: FastifyInstance, table: RouteTable): void {
  let document: Record<string, unknown> | null = null;
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/docs',
      operationId: 'docs',
      tag: 'operations',
      summary: 'This API rendered as HTML (self-contained)',
      responses: { 200: { description: 'HTML', contentType: 'text/html' } },
    },
    async ({ reply }) => reply.type('text/html; charset=utf-8').send(docsHtml),
  );
  defineRoute(
    app,
    table,
    {
      method: 'GET',
      url: '/openapi.json',
      operationId: 'openapi',
      tag: 'operations',
      summary: 'The OpenAPI 3.1 document, generated from the zod schemas that validate requests',
      responses: { 200: { description: 'OpenAPI 3.1' } },
    },
    // Built on first request, when every route is in the table.
    async () => (document ??= buildOpenApi(table, apiInfo)),
  );
}
