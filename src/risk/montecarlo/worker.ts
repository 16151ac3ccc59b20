import { parentPort } from 'node:worker_threads';
import { newAccumulator, type Accumulator } from './accumulator.js';
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

/** The buffers of an accumulator, moved (not copied) to the main thread with it. */
function buffersOf(acc: Accumulator): ArrayBuffer[] {
  const arrays = [acc.thresholds, acc.faultCount, acc.contagion];
  for (const st of [acc.ops, acc.svcs]) arrays.push(st.sumQ, st.sumSqQ, st.nonzero, st.exceed, st.histCount, st.histSumQ);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

// one job per message; the worker stays alive between jobs (runOnWorker keeps it warm)
parentPort?.on('message', (job: WorkerJob) => {
  const acc = newAccumulator(job.model, job.thresholds);
  const out = { totals: new Float64Array(job.totals), positions: new Float64Array(job.positions), scenarios: job.scenarios };
  simulateRange(job.model, job.seed, job.start, job.end, acc, out, job.dense, (done) => parentPort?.postMessage({ progress: done }));
  parentPort?.postMessage({ acc }, buffersOf(acc));
});
