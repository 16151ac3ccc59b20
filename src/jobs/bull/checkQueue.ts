import { Redis } from 'ioredis';
import { StakemeshFailure } from '../../errors/result.js';
import type { QueueUrl } from './queueUrl.js';

/** How long a start-up check waits for Redis to answer (ms). */
export const queueCheckMsDefault = 5_000;

/**
 * Fails with QUEUE_UNAVAILABLE unless Redis at `queue.url` answers a PING within `timeoutMs`: `serve --queue` and
 * `worker --queue` refuse to start against a queue they cannot reach, instead of waiting silently.
 */
export async function checkQueue(queue: QueueUrl, timeoutMs = queueCheckMsDefault): Promise<void> {
  const redis = new Redis(queue.url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // one attempt: this is a check, not a connection to keep
  });
  redis.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)),
    );
    await Promise.race([redis.connect().then(() => redis.ping()), timeout]);
  } catch (e) {
    throw new StakemeshFailure('QUEUE_UNAVAILABLE', `cannot reach Redis at ${queue.url}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(timer);
    redis.disconnect();
  }
}
