import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Accumulator } from './accumulator.js';
import type { WorkerJob } from './worker.js';

/** Idle Monte Carlo workers kept warm between runs: at most one per core. */
export const idleWorkersMax = availableParallelism();
const idle: Worker[] = [];
const url = new URL('./worker.js', import.meta.url);

function newWorker(): Worker {
  const w = new Worker(url);
  // a worker that dies while idle must not be handed a job
  w.on('exit', () => {
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
  });
  return w;
}

/**
 * Runs one range of scenarios on a worker thread and resolves with its accumulator. Workers are
 * reused: a fresh one spends about a quarter of a CPU-second loading and JIT-compiling the
 * kernels before they run at full speed (measured: 0.6 CPU-s of fixed cost per two-thread run
 * on the 2,000 × 100 bench network), so after a run it waits, unref'd (it does not hold the
 * process open), for the next one. Results do not depend on which worker runs what.
 */
export function runOnWorker(job: WorkerJob, onProgress?: (done: number) => void): Promise<Accumulator> {
  const w = idle.pop() ?? newWorker();
  w.ref();
  return new Promise<Accumulator>((resolve, reject) => {
    const detach = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    const onMessage = (msg: { progress?: number; acc?: Accumulator }) => {
      if (msg.progress !== undefined) onProgress?.(msg.progress);
      if (!msg.acc) return;
      detach();
      if (idle.length < idleWorkersMax) {
        w.unref();
        idle.push(w);
      } else void w.terminate();
      resolve(msg.acc);
    };
    const onError = (err: Error) => {
      detach();
      void w.terminate();
      reject(err);
    };
    const onExit = (code: number) => {
      detach();
      reject(new Error(`Monte Carlo worker exited with code ${code} before reporting`));
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(job);
  });
}
