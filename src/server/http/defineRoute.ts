import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod/v4';
import { HttpError } from './httpError.js';

export interface ResponseSpec {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Default application/json. */
  readonly contentType?: string;
}

/** One documented endpoint: validated with these zod schemas and described by them in /openapi.json. */
export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Fastify pattern (`/v1/stakers/:id`); OpenAPI gets `{id}`. */
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** Replaces the body schema's own parse where the route gives finer errors (the schema still documents it). */
  readonly parseBody?: (raw: unknown) => z.output<B>;
  readonly requestHeaders?: readonly { readonly name: string; readonly description: string }[];
  readonly responses: Readonly<Record<number, ResponseSpec>>;
}

export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
}

/** The routes registered on one server, in order: /openapi.json is generated from this list. */
export type RouteTable = RouteSpec[];

function parsePart<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> {
  if (schema === undefined) return value as z.output<S>;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue && issue.path.length > 0 ? `${where}.${issue.path.join('.')}` : where;
  const detail = issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : (issue?.message ?? 'invalid');
  throw new HttpError(400, 'BAD_FIELD', `${path}: ${detail}`);
}

/** Registers a route whose params, query and body are parsed by the spec's zod schemas (400 BAD_FIELD otherwise). */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  app: FastifyInstance,
  table: RouteTable,
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>,
): void {
  table.push(spec as unknown as RouteSpec);
  app.route({
    method: spec.method,
    url: spec.url,
    handler: async (request, reply) => {
      const params = parsePart(spec.params, request.params, 'path');
      const query = parsePart(spec.query, request.query, 'query');
      const body = spec.parseBody ? spec.parseBody(request.body) : parsePart(spec.body, request.body, 'body');
      return handler({ params, query, body, request, reply });
    },
  });
}
