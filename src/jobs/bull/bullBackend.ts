import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { StakemeshFailure } from '../../errors/result.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import { errorCatalogue } from '../../errors/catalogue.js';
import { taskId, type Task } from '../task.js';
import type { TaskBackend } from '../taskBackend.js';
import { inputKey, taskQueueName, type QueueUrl } from './queueUrl.js';

export interface BullBackendOptions {
  readonly queue: QueueUrl;
  /** How often task states are read (ms). */
  readonly pollMs?: number;
  /** Redis unreachable for longer than this (ms) fails the job with the retryable QUEUE_UNAVAILABLE. */
  readonly unavailableMs?: number;
  /** Attempts per task for errors thrown by the task itself (a dead worker is retried by the stalled check). */
  readonly attempts?: number;
}

/** Seconds an input document stays in Redis (renewed while its job runs). */
const inputTtlS = 86_400;
/** Longest a single Redis call may take before it counts as "Redis unreachable". */
const callTimeoutMs = 2_000;

function timeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (t = setTimeout(() => reject(new Error('redis call timed out')), ms)))]).finally(
    () => clearTimeout(t),
  );
}

function failedTask(reason: string): StakemeshFailure {
  const m = /^([A-Z_]+): (.*)$/s.exec(reason);
  const code = m && m[1]! in errorCatalogue ? (m[1] as ErrorCode) : 'JOB_FAILED';
  return Object.assign(new StakemeshFailure(code), {
    message: m && code !== 'JOB_FAILED' ? m[2]! : `${errorCatalogue.JOB_FAILED}: ${reason.slice(0, 300)}`,
  });
}

/**
 * Tasks on a BullMQ queue in Redis, run by `stakemesh worker` processes on any number of machines (SPEC §10).
 * Each task's queue id is its content (job key + scenario range), so adding it twice is one task. The coordinator
 * polls task states: a task Redis no longer knows (Redis restarted without persistence) is added again with its
 * input; Redis unreachable for `unavailableMs` fails the job with QUEUE_UNAVAILABLE (retryable) — never a wrong
 * result, since a result is only ever the return value of a completed task.
 */
export function bullBackend(o: BullBackendOptions): TaskBackend {
  const pollMs = o.pollMs ?? 200;
  const unavailableMs = o.unavailableMs ?? 30_000;
  const attempts = o.attempts ?? 3;
  const redisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, retryStrategy: (n: number) => Math.min(100 * n, 1_000) };
  const connection = new Redis(o.queue.url, { ...redisOptions, enableOfflineQueue: true });
  const kv = new Redis(o.queue.url, redisOptions);
  kv.on('error', () => undefined);
  connection.on('error', () => undefined);
  const queue = new Queue(taskQueueName, { connection, prefix: o.queue.prefix });
  queue.on('error', () => undefined);
  const enqueue = async (t: Task, doc: string): Promise<void> => {
    await timeout(kv.set(inputKey(o.queue.prefix, t.inputHash), doc, 'EX', inputTtlS), callTimeoutMs);
    await timeout(
      queue.add(
        'task',
        { task: t },
        { jobId: taskId(t), attempts, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: false, removeOnFail: false },
      ),
      callTimeoutMs,
    );
  };
  return {
    async execute(tasks, docValue, onProgress) {
      const doc = JSON.stringify(docValue);
      const results: unknown[] = tasks.map(() => undefined);
      const open = new Set(tasks.keys());
      let downSince: number | null = null;
      let enqueued = false;
      while (open.size > 0) {
        try {
          if (!enqueued) for (const t of tasks) await enqueue(t, doc);
          enqueued = true;
          for (const i of [...open]) {
            const t = tasks[i]!;
            const job = await timeout(queue.getJob(taskId(t)), callTimeoutMs);
            if (!job) {
              await enqueue(t, doc); // Redis lost it (restart without persistence): the same task again
              continue;
            }
            const state = await timeout(job.getState(), callTimeoutMs);
            if (state === 'completed') {
              // read again: the first read may predate completion (return value not yet set)
              const fresh = await timeout(queue.getJob(taskId(t)), callTimeoutMs);
              if (!fresh || fresh.returnvalue === null || fresh.returnvalue === undefined) continue;
              results[i] = fresh.returnvalue;
              open.delete(i);
              onProgress(i, t.type === 'shard' ? t.range.end - t.range.start : 1);
              void job.remove().catch(() => undefined);
            } else if (state === 'failed') throw failedTask(job.failedReason);
            else if (typeof job.progress === 'number') onProgress(i, job.progress);
          }
          downSince = null;
        } catch (e) {
          if (e instanceof StakemeshFailure) throw e;
          downSince ??= Date.now();
          if (Date.now() - downSince > unavailableMs)
            throw new StakemeshFailure('QUEUE_UNAVAILABLE', `${o.queue.url}: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (open.size > 0) await new Promise((r) => setTimeout(r, pollMs));
      }
      return results;
    },
    async close() {
      await queue.close().catch(() => undefined);
      connection.disconnect();
      kv.disconnect();
    },
  };
}
