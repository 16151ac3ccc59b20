import type { FastifyReply } from 'fastify';
import { errorCatalogue, type ErrorCode } from '../../errors/catalogue.js';

/** The one error shape of the API: `{ code, message }` with a catalogue code (docs/errors.md). */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
}

/** Thrown by route code to answer with a catalogue error; caught by the error handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    detail?: string,
    /** The whole message when it already starts with the catalogue text (a StakemeshFailure's). */
    message?: string,
  ) {
    super(message ?? (detail ? `${errorCatalogue[code]}: ${detail}` : errorCatalogue[code]));
  }
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ code, message } satisfies ErrorBody);
}
