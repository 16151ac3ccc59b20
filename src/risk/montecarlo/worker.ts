import { parentPort } from 'node:worker_threads';
import { newAccumulator } from './accumulator.js';
import type { CompiledModel } from './model.js';
import { simulateRange } from './simulateRange.js';

/** Worker-thread entry: runs one contiguous range of scenarios and posts its accumulator back. */
export interface WorkerJob {
  readonly model: CompiledModel;
  readonly seed: number;
  readonly start: number;
  readonly end: number;
  readonly scenarios: number;
  readonly dense: boolean;
  readonly thresholds: readonly number[];
  readonly totals: SharedArrayBuffer;
  readonly positions: SharedArrayBuffer;
}

parentPort?.once('message', (job: WorkerJob) => {
  const acc = newAccumulator(job.model, job.thresholds);
  const out = { totals: new Float64Array(job.totals), positions: new Float64Array(job.positions), scenarios: job.scenarios };
  simulateRange(job.model, job.seed, job.start, job.end, acc, out, job.dense, (done) => parentPort?.postMessage({ progress: done }));
  parentPort?.postMessage({ acc });
});
