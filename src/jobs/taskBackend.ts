import type { Task } from './task.js';

/**
 * Where tasks run: the embedded thread pool or a BullMQ queue served by `stakemesh worker` processes. `execute`
 * resolves with each task's JSON result, in task order, or rejects with a coded failure (StakemeshFailure).
 */
export interface TaskBackend {
  execute(tasks: readonly Task[], doc: unknown, onProgress: (task: number, done: number) => void): Promise<unknown[]>;
  close(): Promise<void>;
}
