import { StakemeshFailure } from '../errors/result.js';
import type { ErrorCode } from '../errors/catalogue.js';
import { errorCatalogue } from '../errors/catalogue.js';

/** Milliseconds one request to the service may take. */
const requestTimeoutMs = 30_000;

/**
 * JSON over HTTP for the CLI helpers (submit, export). A `{ code, message }` answer becomes a
 * StakemeshFailure with that code; a network failure or a non-JSON answer is UNREACHABLE.
 */
export async function requestJson(url: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new StakemeshFailure('UNREACHABLE', `${url}: ${cause}`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new StakemeshFailure('UNREACHABLE', `${url}: HTTP ${res.status}, not JSON`);
  }
  if (res.ok) return body;
  const err = body as { code?: unknown; message?: unknown };
  const code = typeof err.code === 'string' && err.code in errorCatalogue ? (err.code as ErrorCode) : 'UNREACHABLE';
  const failure = new StakemeshFailure(code);
  // Keep the server's message (it already starts with the catalogue text).
  Object.defineProperty(failure, 'message', { value: typeof err.message === 'string' ? err.message : `HTTP ${res.status}` });
  throw failure;
}

/** The base URL without a trailing slash; only http(s). */
export function baseUrl(url: string): string {
  if (!/^https?:\/\/[^\s/]+/.test(url))
    throw new StakemeshFailure('BAD_FIELD', `--url ${JSON.stringify(url.slice(0, 80))} is not an http(s) URL`);
  return url.replace(/\/+$/, '');
}
