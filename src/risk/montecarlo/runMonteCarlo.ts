import { availableParallelism } from 'node:os';
import { mergeAccumulator, newAccumulator, type Accumulator } from './accumulator.js';
import type { CompiledModel } from './model.js';
import { simulateRange } from './simulateRange.js';
import { runOnWorker } from './runOnWorker.js';
import type { WorkerJob } from './worker.js';

export interface MonteCarloOptions {
  readonly scenarios: number;
  readonly seed: number;
  /** Worker threads; default: all cores. 1 runs in the calling thread. */
  readonly threads?: number;
  readonly dense?: boolean;
  readonly thresholds: readonly number[];
  /** Called with the number of scenarios just finished. */
  readonly onProgress?: (done: number) => void;
}

export interface MonteCarloRaw {
  readonly scenarios: number;
  readonly acc: Accumulator;
  readonly totals: Float64Array;
  readonly positions: Float64Array;
}

/**
 * Runs the Monte Carlo on worker threads (the only I/O-like plumbing of the risk engine).
 * Each scenario's random stream is keyed by (seed, index) and every statistic is accumulated
 * exactly, so the result does not depend on `threads`.
 */
export async function runMonteCarlo(m: CompiledModel, o: MonteCarloOptions): Promise<MonteCarloRaw> {
  const n = o.scenarios;
  const threads = Math.max(1, Math.min(o.threads ?? availableParallelism(), Math.ceil(n / 1024)));
  const totalsBuf = new SharedArrayBuffer(8 * n);
  const posBuf = new SharedArrayBuffer(8 * Math.max(1, m.nPos * n));
  const totals = new Float64Array(totalsBuf);
  const positions = new Float64Array(posBuf);
  const acc = newAccumulator(m, o.thresholds);
  if (threads === 1) {
    simulateRange(m, o.seed, 0, n, acc, { totals, positions, scenarios: n }, o.dense ?? false, o.onProgress);
    return { scenarios: n, acc, totals, positions };
  }
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const job: WorkerJob = {
        model: m,
        seed: o.seed,
        start: Math.floor((n * t) / threads),
        end: Math.floor((n * (t + 1)) / threads),
        scenarios: n,
        dense: o.dense ?? false,
        thresholds: o.thresholds,
        totals: totalsBuf,
        positions: posBuf,
      };
      return runOnWorker(job, o.onProgress);
    }),
  );
  for (const p of parts) mergeAccumulator(acc, p);
  return { scenarios: n, acc, totals, positions };
}
