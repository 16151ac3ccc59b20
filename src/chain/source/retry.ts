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
      await p.sleep(backoffDelay(p, attempt));
    }
  }
}
