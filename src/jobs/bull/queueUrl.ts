import { StakemeshFailure } from '../../errors/result.js';

/** Name of the BullMQ queue of stakemesh tasks (under the key prefix). */
export const taskQueueName = 'stakemesh-tasks';

export interface QueueUrl {
  /** redis://host:port[/db] without the query. */
  readonly url: string;
  /** Key prefix of every key stakemesh and BullMQ write (default "stakemesh"): several deployments share one Redis. */
  readonly prefix: string;
}

/** Parses `redis://host:port[/db][?prefix=name]` (or rediss://). */
export function parseQueueUrl(text: string): QueueUrl {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new StakemeshFailure('BAD_OPTION', `--queue must be a redis:// URL, got ${JSON.stringify(text.slice(0, 100))}`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:')
    throw new StakemeshFailure('BAD_OPTION', `--queue must be a redis:// or rediss:// URL`);
  const prefix = u.searchParams.get('prefix') ?? 'stakemesh';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) throw new StakemeshFailure('BAD_OPTION', 'prefix: 1–64 letters, digits, _ . -');
  u.search = '';
  return { url: u.toString(), prefix };
}

/** Redis key of a job input document. */
export function inputKey(prefix: string, inputHash: string): string {
  return `${prefix}:stakemesh:input:${inputHash}`;
}
