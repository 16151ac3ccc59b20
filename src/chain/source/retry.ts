import { BaseError, HttpRequestError } from 'viem';
import { StakemeshFailure } from '../../errors/result.js';

export interface RetryPolicy {
  /** Attempts after the first before giving up. */
  readonly retries: number;
  readonly backoffMs: number;
  readonly backoffMaxMs: number;
  /** Uniform in [0, 1): the jitter source (Math.random by default; injectable for tests). */
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 6,
  backoffMs: 500,
  backoffMaxMs: 30_000,
  random: Math.random,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** Exponential backoff with full jitter: a random delay in [0, min(max, base·2^attempt)). */
export function backoffDelay(p: RetryPolicy, attempt: number): number {
  const cap = Math.min(p.backoffMaxMs, p.backoffMs * 2 ** Math.min(attempt, 30));
  return Math.floor(cap * p.random());
}

/** A provider's Retry-After is obeyed up to this; a longer ask waits this long and tries again. */
export const retryAfterMaxMs = 60_000;

/**
 * The wait an HTTP error's Retry-After header asks for (delay-seconds or an HTTP date), capped at
 * retryAfterMaxMs; null when there is none.
 */
export function retryAfterMs(e: unknown, nowMs: number = Date.now()): number | null {
  if (!(e instanceof BaseError)) return null;
  const http = e.walk((x) => x instanceof HttpRequestError && x.headers !== undefined) as HttpRequestError | null;
  const value = http?.headers?.get('retry-after')?.trim();
  if (!value) return null;
  const ms = /^[0-9]{1,9}$/.test(value) ? Number(value) * 1000 : Date.parse(value) - nowMs;
  return Number.isFinite(ms) ? Math.min(retryAfterMaxMs, Math.max(0, ms)) : null;
}

/** The wait before attempt `attempt + 1`: the backoff, or longer when the provider said how long. */
export function retryDelay(p: RetryPolicy, attempt: number, e: unknown): number {
  return Math.max(backoffDelay(p, attempt), retryAfterMs(e) ?? 0);
}

/** HTTP 429: the provider asks us to slow down; the request itself was fine. */
export function isRateLimited(e: unknown): boolean {
  if (!(e instanceof BaseError)) return false;
  return e.walk((x) => x instanceof HttpRequestError && x.status === 429) !== null;
}

export function describeError(e: unknown): string {
  if (e instanceof BaseError) return e.shortMessage.slice(0, 200);
  return e instanceof Error ? e.message.slice(0, 200) : String(e).slice(0, 200);
}

/** Runs `fn` until it succeeds or the policy's retries are spent (then RPC_FAILED). */
export async function withRetry<T>(p: RetryPolicy, what: string, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= p.retries) throw new StakemeshFailure('RPC_FAILED', `${what}: ${describeError(e)} (after ${attempt + 1} attempts)`);
      await p.sleep(retryDelay(p, attempt, e));
    }
  }
}
