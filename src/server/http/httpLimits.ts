// Request bounds of the HTTP API (SPEC §9: "an error, never a hang"). Named so docs and tests cite them.

/** Largest request body accepted (bytes); larger → 413 TOO_LARGE. */
export const bodyBytesMax = 1024 * 1024;
/** Most envelopes in one POST /v1/commands batch; more → 413 TOO_LARGE. */
export const batchSizeMax = 256;
/** Most log entries in one GET /v1/log page (and the default `limit`). */
export const pageSizeMax = 1000;
/** Most simultaneous GET /v1/events clients; more → 503 TOO_MANY_CLIENTS. */
export const sseClientsMax = 256;
/** Bytes an event-stream client may leave unread before it is dropped (it can resume with Last-Event-ID). */
export const sseBufferBytesMax = 4 * 1024 * 1024;
/** Milliseconds between SSE heartbeat comments. */
export const sseHeartbeatMs = 15_000;
/** Requests per second from one IP address; more → 429 RATE_LIMITED with Retry-After. */
export const requestsPerIpPerSecond = 2000;
/** Envelopes per second signed by one account; more → 429 RATE_LIMITED with Retry-After. */
export const requestsPerAccountPerSecond = 200;
/** Most distinct keys (IPs, accounts) the rate limiter remembers within one second. */
export const rateKeysMax = 100_000;

export interface HttpLimits {
  readonly bodyBytesMax: number;
  readonly batchSizeMax: number;
  readonly pageSizeMax: number;
  readonly sseClientsMax: number;
  readonly sseBufferBytesMax: number;
  readonly sseHeartbeatMs: number;
  readonly requestsPerIpPerSecond: number;
  readonly requestsPerAccountPerSecond: number;
}

export const defaultHttpLimits: HttpLimits = {
  bodyBytesMax,
  batchSizeMax,
  pageSizeMax,
  sseClientsMax,
  sseBufferBytesMax,
  sseHeartbeatMs,
  requestsPerIpPerSecond,
  requestsPerAccountPerSecond,
};
