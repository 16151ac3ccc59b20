import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { StakemeshFailure } from '../../errors/result.js';
import type { Task } from '../task.js';
import { threadPool } from '../threadPool.js';
import { inputKey, taskQueueName, type QueueUrl } from './queueUrl.js';

export interface BullWorkerOptions {
  readonly queue: QueueUrl;
  /** Lock of a running task (ms): a worker that dies is detected after about this long and its task retried. */
  readonly lockDurationMs?: number;
  readonly onTask?: (event: 'start' | 'done' | 'failed', id: string) => void;
}

export interface BullWorkerHandle {
  close(): Promise<void>;
}

/** Input documents kept per worker (by hash): every shard of a job reads the same one. */
const inputCacheMax = 4;

/**
 * A `stakemesh worker` (SPEC §10): takes tasks from the BullMQ queue one at a time and runs each on a worker
 * thread, so that this process's event loop keeps renewing the task's lock while the CPU works. A worker killed
 * mid-task stops renewing; after the lock expires another worker's stalled-job check puts the task back and it
 * runs again (same inputs, same bits).
 */
export async function startBullWorker(o: BullWorkerOptions): Promise<BullWorkerHandle> {
  const lockDuration = o.lockDurationMs ?? 30_000;
  const connection = new Redis(o.queue.url, { maxRetriesPerRequest: null });
  const kv = new Redis(o.queue.url, { maxRetriesPerRequest: null });
  const pool = threadPool(1);
  const inputs = new Map<string, unknown>();
  const input = async (hash: string): Promise<unknown> => {
    if (inputs.has(hash)) return inputs.get(hash);
    const text = await kv.get(inputKey(o.queue.prefix, hash));
    // the coordinator stores the input before adding tasks and again when it re-adds them: retry later
    if (text === null) throw new Error(`JOB_FAILED: input ${hash.slice(0, 12)} not in Redis yet`);
    const doc = JSON.parse(text) as unknown;
    if (inputs.size >= inputCacheMax) inputs.delete(inputs.keys().next().value!);
    inputs.set(hash, doc);
    return doc;
  };
  const worker = new Worker(
    taskQueueName,
    async (job) => {
      const task = (job.data as { task: Task }).task;
      o.onTask?.('start', job.id ?? '');
      try {
        const result = await pool.run(task, await input(task.inputHash), (done) => void job.updateProgress(done).catch(() => undefined));
        o.onTask?.('done', job.id ?? '');
        return result;
      } catch (e) {
        o.onTask?.('failed', job.id ?? '');
        if (e instanceof StakemeshFailure && e.code === 'BAD_JOB') throw new UnrecoverableError(`BAD_JOB: ${e.message}`);
        throw e;
      }
    },
    {
      connection,
      prefix: o.queue.prefix,
      concurrency: 1,
      lockDuration,
      stalledInterval: Math.max(500, Math.floor(lockDuration / 2)),
      maxStalledCount: 5,
    },
  );
  worker.on('error', () => undefined); // connection errors: ioredis reconnects; the stalled check covers lost tasks
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      await pool.close();
      connection.disconnect();
      kv.disconnect();
    },
  };
}
