import { StakemeshFailure } from '../errors/result.js';
import { compileModel } from '../risk/montecarlo/compileModel.js';
import { monteCarloReport } from '../risk/montecarlo/simulate.js';
import { scenarioBounds } from '../risk/scenario/scenarioBounds.js';
import { contentHash, jobKey } from './jobKey.js';
import { intParam, scenarioInput } from './jobInputs.js';
import { jobKinds, type JobOutcome, type JobProgress, type JobSpec } from './jobSpec.js';
import { mergeShards } from './montecarlo/mergeShards.js';
import { decodeShard, type EncodedShard } from './montecarlo/shardCodec.js';
import { planShards, shardsMax } from './montecarlo/shardPlan.js';
import type { ResultStore } from './resultStore.js';
import type { Task } from './task.js';
import type { TaskBackend } from './taskBackend.js';

export interface RunOptions {
  /** Monte Carlo shards (an execution hint: the result is the same bits for any count). Default 1. */
  readonly shards?: number;
}

export interface JobRunner {
  /** Runs a job on its input document (idempotent: a stored or running job with the same key is not run again). */
  run(spec: JobSpec, input: unknown, options?: RunOptions): Promise<JobOutcome>;
  close(): Promise<void>;
}

export interface JobRunnerOptions {
  readonly backend: TaskBackend;
  readonly store: ResultStore;
  readonly onProgress?: (p: JobProgress) => void;
}

/** Codes for which running the job again may succeed. */
const retryableCodes = new Set(['QUEUE_UNAVAILABLE', 'JOB_FAILED']);

function validate(spec: JobSpec): void {
  if (!jobKinds.includes(spec.kind)) throw new StakemeshFailure('BAD_JOB', `kind must be one of ${jobKinds.join(', ')}`);
  if (typeof spec.stateHash !== 'string' || !/^[0-9a-f]{64}$/.test(spec.stateHash))
    throw new StakemeshFailure('BAD_JOB', 'stateHash must be 64 hex digits');
  if (typeof spec.params !== 'object' || spec.params === null || Array.isArray(spec.params))
    throw new StakemeshFailure('BAD_JOB', 'params must be an object');
}

/** The coordinator (SPEC §10): keys, deduplicates and stores jobs; splits Monte Carlo into shards and merges them exactly. */
export function jobRunner(o: JobRunnerOptions): JobRunner {
  const running = new Map<string, Promise<JobOutcome>>();
  const execute = (spec: JobSpec, key: string, input: unknown, ro: RunOptions): Promise<unknown> =>
    spec.kind === 'montecarlo' ? executeSharded(o, spec, key, input, ro) : executeWhole(o, spec, key, input);
  const runOnce = async (spec: JobSpec, key: string, input: unknown, ro: RunOptions): Promise<JobOutcome> => {
    try {
      const result = JSON.parse(JSON.stringify(await execute(spec, key, input, ro))) as unknown;
      const record = { key, kind: spec.kind, stateHash: spec.stateHash, params: spec.params, result, finishedAt: Date.now() };
      // a result the store cannot keep (database closing or down) is still the result: only the cache entry is lost
      await o.store.put(record).catch(() => undefined);
      return { status: 'done', key, result, cached: false };
    } catch (e) {
      if (!(e instanceof StakemeshFailure)) throw e;
      return { status: 'failed', key, code: e.code, message: e.message, retryable: retryableCodes.has(e.code) };
    }
  };
  return {
    async run(spec, input, ro = {}) {
      try {
        validate(spec);
      } catch (e) {
        const f = e as StakemeshFailure;
        return { status: 'failed', key: '', code: f.code, message: f.message, retryable: false };
      }
      const key = jobKey(spec);
      const stored = await o.store.get(key).catch(() => null); // an unreadable store is a cache miss
      if (stored) return { status: 'done', key, result: stored.result, cached: true };
      const inflight = running.get(key);
      if (inflight) return inflight;
      const p = runOnce(spec, key, input, ro).finally(() => running.delete(key));
      running.set(key, p);
      return p;
    },
    close: () => o.backend.close(),
  };
}

async function executeWhole(o: JobRunnerOptions, spec: JobSpec, key: string, input: unknown): Promise<unknown> {
  const [r] = await o.backend.execute([{ type: 'whole', key, inputHash: contentHash(input), spec }], input, (_, done) =>
    o.onProgress?.({ key, kind: spec.kind, done, total: 1 }),
  );
  return r;
}

/** Monte Carlo in shards (each its own range of the one seeded stream), merged exactly into one report. */
async function executeSharded(o: JobRunnerOptions, spec: JobSpec, key: string, input: unknown, ro: RunOptions): Promise<unknown> {
  const inputHash = contentHash(input);
  const sc = scenarioInput(input);
  const n = Math.max(1, intParam(spec.params, 'scenarios', sc.simulation.scenarios, scenarioBounds.scenariosMax));
  const seed = intParam(spec.params, 'seed', sc.simulation.seed, Number.MAX_SAFE_INTEGER);
  const thresholds = sc.simulation.lossThresholds;
  const tasks: Task[] = planShards(n, Math.max(1, Math.min(ro.shards ?? 1, shardsMax))).map((range) => ({
    type: 'shard',
    key,
    inputHash,
    seed,
    thresholds,
    range,
  }));
  const done = tasks.map(() => 0);
  const raw = await o.backend.execute(tasks, input, (i, d) => {
    done[i] = d;
    o.onProgress?.({ key, kind: 'montecarlo', done: done.reduce((a, b) => a + b, 0), total: n });
  });
  const m = compileModel(sc);
  const merged = mergeShards(
    m,
    n,
    thresholds,
    raw.map((r) => decodeShard(r as EncodedShard)),
  );
  return monteCarloReport(sc, m, merged, seed);
}
