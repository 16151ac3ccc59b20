import { Worker } from 'node:worker_threads';
import { StakemeshFailure } from '../errors/result.js';
import type { ErrorCode } from '../errors/catalogue.js';
import { errorCatalogue } from '../errors/catalogue.js';
import type { Task } from './task.js';
import type { FromThread, ToThread } from './taskThread.js';

export interface ThreadPool {
  run(task: Task, doc: unknown, onProgress: (done: number, total: number) => void): Promise<unknown>;
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: unknown) => void;
  readonly onProgress: (done: number, total: number) => void;
}

function failure(code: string, message: string): Error {
  // the thread already formatted the catalogue text: keep the code, pass the message through
  return code in errorCatalogue ? Object.assign(new StakemeshFailure(code as ErrorCode), { message }) : new Error(message);
}

/**
 * `size` persistent worker threads running tasks (the embedded backend, SPEC §10): a task waits for a free
 * thread; a thread that dies fails its task and is replaced.
 */
export function threadPool(size: number): ThreadPool {
  const url = new URL('./taskThread.js', import.meta.url);
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const queue: (() => void)[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;
  const spawn = (): Worker => {
    const w = new Worker(url);
    all.add(w);
    w.on('message', (m: FromThread) => {
      const p = pending.get(m.id);
      if (!p) return;
      if ('progress' in m) return p.onProgress(m.progress.done, m.progress.total);
      pending.delete(m.id);
      if ('error' in m) p.reject(failure(m.error.code, m.error.message));
      else p.resolve(m.result);
    });
    w.on('exit', () => all.delete(w));
    return w;
  };
  for (let i = 0; i < Math.max(1, size); i++) idle.push(spawn());
  const acquire = (): Promise<Worker> =>
    new Promise((resolve) => {
      const w = idle.pop();
      if (w) resolve(w);
      else queue.push(() => resolve(idle.pop()!));
    });
  const release = (w: Worker): void => {
    idle.push(all.has(w) || closed ? w : spawn());
    queue.shift()?.();
  };
  return {
    async run(task, doc, onProgress) {
      if (closed) throw new Error('assertion failed: thread pool closed');
      const w = await acquire();
      const id = nextId++;
      try {
        return await new Promise<unknown>((resolve, reject) => {
          pending.set(id, { resolve, reject, onProgress });
          const onExit = (code: number): void => {
            if (pending.delete(id)) reject(new StakemeshFailure('JOB_FAILED', `task thread exited with code ${code}`));
          };
          w.once('exit', onExit);
          w.postMessage({ id, task, doc } satisfies ToThread);
        });
      } finally {
        w.removeAllListeners('exit');
        w.on('exit', () => all.delete(w));
        release(w);
      }
    },
    async close() {
      closed = true;
      await Promise.all([...all].map((w) => w.terminate()));
    },
  };
}
