import type { PublicClient } from 'viem';
import { StakemeshFailure } from '../../errors/result.js';
import { compareLogs, type ChainLog } from '../chainLog.js';
import { describeError, isRateLimited, retryDelay, type RetryPolicy } from './retry.js';
import { toChainLog } from './toChainLog.js';

export interface WindowResult {
  readonly logs: ChainLog[];
  /** Last block the logs cover (the window may have been halved below the one asked for). */
  readonly to: number;
  /** Window size to try next: grown back after a success, up to the configured one. */
  readonly nextWindow: number;
}

/**
 * eth_getLogs for the core contracts over [from, from + window − 1] (capped at `end`). A provider
 * error (range too large, result too big, timeout, 5xx) halves the window and tries again; a
 * 429 waits (backoff with jitter, or the Retry-After the provider sent if longer) without halving. Failures in a row past the policy's retries
 * end the import with RPC_FAILED (the manifest stays at the last finished window).
 */
export async function fetchWindow(
  client: PublicClient,
  o: { addresses: readonly string[]; from: number; end: number; window: number; windowMax: number; policy: RetryPolicy },
): Promise<WindowResult> {
  let window = o.window;
  for (let failures = 0; ; failures++) {
    const to = Math.min(o.end, o.from + window - 1);
    try {
      const raw = await client.getLogs({ address: o.addresses as `0x${string}`[], fromBlock: BigInt(o.from), toBlock: BigInt(to) });
      const logs = raw.map((l, i) => toChainLog(l, `getLogs ${o.from}..${to} log ${i}`)).sort(compareLogs);
      return { logs, to, nextWindow: Math.min(o.windowMax, window * 2) };
    } catch (e) {
      if (e instanceof StakemeshFailure) throw e;
      if (failures >= o.policy.retries) {
        throw new StakemeshFailure('RPC_FAILED', `getLogs ${o.from}..${to}: ${describeError(e)} (after ${failures + 1} attempts)`);
      }
      if (isRateLimited(e) || window === 1) await o.policy.sleep(retryDelay(o.policy, failures, e));
      else window = Math.max(1, Math.floor(window / 2));
    }
  }
}
