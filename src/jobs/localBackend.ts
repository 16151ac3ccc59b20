import { availableParallelism } from 'node:os';
import type { TaskBackend } from './taskBackend.js';
import { threadPool } from './threadPool.js';

/** The embedded backend (SPEC §10 default, no server): tasks on `threads` worker threads of this process. */
export function localBackend(o: { readonly threads?: number } = {}): TaskBackend {
  const pool = threadPool(o.threads ?? availableParallelism());
  return {
    execute: (tasks, doc, onProgress) => Promise.all(tasks.map((t, i) => pool.run(t, doc, (done) => onProgress(i, done)))),
    close: () => pool.close(),
  };
}
