import type { FastifyError, FastifyInstance } from 'fastify';
import { errorCatalogue } from '../../errors/catalogue.js';
import { HttpError, sendError } from './httpError.js';

/** Fastify's own errors (body parsing, limits) mapped to catalogue codes. */
function fastifyErrorCode(e: FastifyError): { status: number; code: keyof typeof errorCatalogue; detail: string } | null {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'TOO_LARGE', detail: 'request body too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, code: 'BAD_CONTENT_TYPE', detail: 'send Content-Type: application/json' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, code: 'PARSE_ERROR', detail: 'empty JSON body' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, code: 'PARSE_ERROR', detail: 'Content-Length does not match the body' };
    default:
      break;
  }
  // JSON syntax errors and prototype-poisoning keys (__proto__, constructor.prototype) from the body parser.
  if (e.statusCode === 400 && (e instanceof SyntaxError || /JSON|prototype|constructor/i.test(e.message))) {
    return { status: 400, code: 'PARSE_ERROR', detail: e.message.split('\n')[0] ?? 'malformed JSON' };
  }
  return null;
}

/**
 * Every error answers `{ code, message }` with a catalogue code: never fastify's default shape
 * or a stack. Unexpected errors are logged and answered 500 INTERNAL_ERROR.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) return sendError(reply, error.status, error.code, error.message);
    const mapped = fastifyErrorCode(error);
    if (mapped) return sendError(reply, mapped.status, mapped.code, `${errorCatalogue[mapped.code]}: ${mapped.detail}`);
    request.log.error({ err: error }, 'unexpected error');
    return sendError(reply, 500, 'INTERNAL_ERROR', errorCatalogue.INTERNAL_ERROR);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'NO_ROUTE', `${errorCatalogue.NO_ROUTE}: ${request.method} ${request.url.split('?')[0]?.slice(0, 200) ?? ''}`),
  );
}
