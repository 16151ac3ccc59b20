import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { liveFreshness } from './liveFreshness.js';
import type { BenchRun } from './types.js';
import { bullBackend } from '../src/jobs/bull/bullBackend.js';
import { parseQueueUrl } from '../src/jobs/bull/queueUrl.js';
import { contentHash } from '../src/jobs/jobKey.js';
import { jobRunner } from '../src/jobs/jobRunner.js';
import { memoryResultStore } from '../src/jobs/memoryResultStore.js';
import { generateScenario } from '../src/risk/scenario/generateScenario.js';

/** Scenarios of the queue benchmark (2,000 × 100 network) and shards per job. */
const scenarios = 200_000;
const shards = 8;

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/stakemesh.js', 'worker', '--queue', url], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => d.toString().includes('ready') && resolve(child));
    child.once('exit', (c) => reject(new Error(`worker exited ${c}`)));
  });
}

async function queueRun(redis: string, workers: number, doc: Record<string, unknown>): Promise<number> {
  const url = `${redis.replace(/\/$/, '')}/?prefix=smjobs-bench-${randomBytes(4).toString('hex')}`;
  const procs = await Promise.all(Array.from({ length: workers }, () => startWorker(url)));
  const backend = bullBackend({ queue: parseQueueUrl(url), pollMs: 50 });
  try {
    const runner = jobRunner({ backend, store: memoryResultStore() });
    const t0 = performance.now();
    const out = await runner.run({ kind: 'montecarlo', stateHash: contentHash(doc), params: { scenarios, seed: 1 } }, doc, { shards });
    if (out.status !== 'done') throw new Error(`${out.code}: ${out.message}`);
    return (performance.now() - t0) / 1000;
  } finally {
    await backend.close();
    for (const p of procs) p.kill('SIGTERM');
    const q = parseQueueUrl(url);
    const r = new Redis(q.url);
    const keys = await r.keys(`${q.prefix}:*`);
    if (keys.length > 0) await r.del(...keys);
    r.disconnect();
  }
}

/**
 * Jobs: the 2,000 × 100 Monte Carlo (200k scenarios, 8 shards) on BullMQ with 1 and 2 `stakemesh worker`
 * processes (Redis from STAKEMESH_TEST_REDIS_URL, default 127.0.0.1:6379), and live-risk freshness.
 */
export const run: BenchRun = async () => {
  const rows = await liveFreshness();
  const redis = process.env.STAKEMESH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const doc = generateScenario({ operators: 2000, services: 100, seed: 42 });
  const one = await queueRun(redis, 1, doc);
  const two = await queueRun(redis, 2, doc);
  rows.push(
    {
      name: `jobs: montecarlo 2000 × 100, ${scenarios / 1000}k scenarios, ${shards} shards, 1 worker process`,
      value: one,
      unit: 's',
      note: `${Math.round(scenarios / one)} scenarios/s`,
    },
    { name: `jobs: same, 2 worker processes`, value: two, unit: 's', note: `speed-up ${(one / two).toFixed(2)}× (same bits)` },
  );
  return rows;
};
