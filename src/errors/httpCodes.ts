/** Errors of the HTTP adapter (SPEC §9): transport, routing and request bounds. */
export const httpCodes = {
  BAD_CONTENT_TYPE: 'The request body must be application/json',
  NO_ROUTE: 'No such endpoint',
  RATE_LIMITED: 'Too many requests; retry after the number of seconds in Retry-After',
  TOO_MANY_CLIENTS: 'Too many event-stream clients; retry later',
  NOT_AT_SEQ: 'The ledger has no state at this seq or block',
  UNREACHABLE: 'The server could not be reached, or did not answer with JSON',
  INTERNAL_ERROR: 'The server failed to answer; the request was not applied',
  DASHBOARD_NOT_BUILT: 'The dashboard is not built (npm run build writes dist/web)',
} as const;
