import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { bullBackend } from '../../src/jobs/bull/bullBackend.js';
import { parseQueueUrl, taskQueueName } from '../../src/jobs/bull/queueUrl.js';
import { jobRunner } from '../../src/jobs/jobRunner.js';
import { memoryResultStore } from '../../src/jobs/memoryResultStore.js';
import { referenceReport, scenarioDoc, stateOf } from './jobFixtures.js';
import { freePort, randomPrefix, startRedis, startWorker, stop } from './redisHarness.js';

const redisUrl = process.env.STAKEMESH_TEST_REDIS_URL;
const lockMs = 1500;
const workers: ChildProcess[] = [];
const queueUrl = redisUrl ? `${redisUrl.replace(/\/$/, '')}/?prefix=${randomPrefix()}` : '';

before(async () => {
  if (!redisUrl) return;
  workers.push(await startWorker(queueUrl, lockMs), await startWorker(queueUrl, lockMs));
});

after(async () => {
  await Promise.all(workers.map((w) => stop(w)));
  if (!redisUrl) return;
  // remove this test's keys from the shared Redis
  const q = parseQueueUrl(queueUrl);
  const r = new Redis(q.url);
  const keys = await r.keys(`${q.prefix}:*`);
  if (keys.length > 0) await r.del(...keys);
  r.disconnect();
});

/** Resolves once `count` tasks are running on workers. */
async function activeTasks(url: string, count: number): Promise<void> {
  const q = parseQueueUrl(url);
  const connection = new Redis(q.url, { maxRetriesPerRequest: null });
  connection.on('error', () => undefined);
  const queue = new Queue(taskQueueName, { connection, prefix: q.prefix });
  queue.on('error', () => undefined);
  try {
    for (let i = 0; i < 600; i++) {
      if ((await queue.getActiveCount()) >= count) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('tasks never became active');
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

test(
  'BullMQ with 2 worker processes: 1, 3 and 8 shards give the single-process report bit for bit',
  { skip: !redisUrl && 'STAKEMESH_TEST_REDIS_URL unset' },
  async () => {
    const doc = scenarioDoc();
    const ref = await referenceReport(doc, 20_000, 9);
    const backend = bullBackend({ queue: parseQueueUrl(queueUrl), pollMs: 50 });
    try {
      for (const shards of [1, 3, 8]) {
        const runner = jobRunner({ backend, store: memoryResultStore() });
        const out = await runner.run({ kind: 'montecarlo', stateHash: stateOf(doc), params: { scenarios: 20_000, seed: 9 } }, doc, {
          shards,
        });
        assert.equal(out.status, 'done', JSON.stringify(out));
        assert.equal(JSON.stringify(out.status === 'done' ? out.result : null), ref, `${shards} shards`);
      }
    } finally {
      await backend.close();
    }
  },
);

test(
  'kill -9 of a worker mid-shard: the shard is retried elsewhere and the job completes with the same bits',
  { skip: !redisUrl && 'STAKEMESH_TEST_REDIS_URL unset' },
  async () => {
    const doc = scenarioDoc(300, 30, 8);
    const n = 160_000;
    const ref = await referenceReport(doc, n, 4);
    const backend = bullBackend({ queue: parseQueueUrl(queueUrl), pollMs: 50 });
    try {
      const runner = jobRunner({ backend, store: memoryResultStore() });
      const job = runner.run({ kind: 'montecarlo', stateHash: stateOf(doc), params: { scenarios: n, seed: 4 } }, doc, { shards: 2 });
      await activeTasks(queueUrl, 2); // both workers are inside a shard
      const victim = workers.shift()!;
      await stop(victim, 'SIGKILL');
      const out = await job;
      assert.equal(out.status, 'done', JSON.stringify(out));
      assert.equal(JSON.stringify(out.status === 'done' ? out.result : null), ref);
    } finally {
      await backend.close();
      workers.push(await startWorker(queueUrl, lockMs));
    }
  },
);

test(
  'Redis restarted mid-job: the job completes with the same bits or fails with a retryable QUEUE_UNAVAILABLE',
  { skip: !redisUrl && 'STAKEMESH_TEST_REDIS_URL unset' },
  async (t) => {
    const port = await freePort();
    let redis = await startRedis(port);
    const url = `redis://127.0.0.1:${port}/?prefix=${randomPrefix()}`;
    const own = [await startWorker(url, lockMs), await startWorker(url, lockMs)];
    const doc = scenarioDoc(200, 20, 3);
    const n = 120_000;
    const ref = await referenceReport(doc, n, 6);
    const backend = bullBackend({ queue: parseQueueUrl(url), pollMs: 50, unavailableMs: 20_000 });
    try {
      const runner = jobRunner({ backend, store: memoryResultStore() });
      const job = runner.run({ kind: 'montecarlo', stateHash: stateOf(doc), params: { scenarios: n, seed: 6 } }, doc, { shards: 4 });
      await activeTasks(url, 1);
      await stop(redis, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 1000));
      redis = await startRedis(port);
      const out = await job;
      t.diagnostic(`after the restart: ${out.status === 'done' ? 'completed' : out.code}`);
      if (out.status === 'done') assert.equal(JSON.stringify(out.result), ref);
      else assert.deepEqual([out.code, out.retryable], ['QUEUE_UNAVAILABLE', true]);
      // and with Redis gone for good the job fails, retryable, within the configured bound
      const down = bullBackend({ queue: parseQueueUrl(url), pollMs: 50, unavailableMs: 1500 });
      const r2 = jobRunner({ backend: down, store: memoryResultStore() });
      const pending = r2.run({ kind: 'montecarlo', stateHash: stateOf(doc), params: { scenarios: n, seed: 7 } }, doc, { shards: 4 });
      await activeTasks(url, 1);
      await stop(redis, 'SIGKILL');
      const failed = await pending;
      assert.deepEqual(failed.status === 'failed' && [failed.code, failed.retryable], ['QUEUE_UNAVAILABLE', true]);
      await down.close();
    } finally {
      await backend.close();
      await Promise.all(own.map((w) => stop(w, 'SIGKILL')));
      await stop(redis, 'SIGKILL');
    }
  },
);
