import type { ErrorCode } from './catalogue.js';
import { errorCatalogue } from './catalogue.js';

/** A user error: a code from the one catalogue plus a message naming what was wrong. */
export interface StakemeshError {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: StakemeshError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failure; the message is the catalogue's text followed by the specific detail. */
export function fail<T = never>(code: ErrorCode, detail?: string): Result<T> {
  const base = errorCatalogue[code];
  return { ok: false, error: { code, message: detail ? `${base}: ${detail}` : base } };
}

/** The specific detail of an error, without the catalogue text `fail` put in front of it. */
export function errorDetail(e: StakemeshError): string {
  const base = errorCatalogue[e.code];
  return e.message.startsWith(`${base}: `) ? e.message.slice(base.length + 2) : e.message;
}

/** Thrown only to carry a user error through deep parsing code; caught at the API edge. */
export class StakemeshFailure extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, detail?: string) {
    // User errors are expected control flow (a rejected command), not bugs: skip the stack trace,
    // which would otherwise dominate the cost of a rejected command.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(detail ? `${errorCatalogue[code]}: ${detail}` : errorCatalogue[code]);
    Error.stackTraceLimit = limit;
    this.code = code;
  }
}

/** Programmer-error assertion: a broken invariant is a bug, never a user error. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}
