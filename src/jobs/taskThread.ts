import { parentPort } from 'node:worker_threads';
import { StakemeshFailure } from '../errors/result.js';
import { runTask } from './runTask.js';
import type { Task } from './task.js';

/** Messages between a pool and its task threads. */
export type ToThread = { readonly id: number; readonly task: Task; readonly doc: unknown };
export type FromThread =
  | { readonly id: number; readonly progress: { readonly done: number; readonly total: number } }
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: { readonly code: string; readonly message: string } };

// Worker-thread entry: runs tasks one after the other, posting progress and a JSON result or a coded error.
parentPort?.on('message', (msg: ToThread) => {
  const post = (m: FromThread): void => parentPort?.postMessage(m);
  runTask(msg.task, msg.doc, (done, total) => post({ id: msg.id, progress: { done, total } })).then(
    (result) => post({ id: msg.id, result }),
    (e: unknown) =>
      post({
        id: msg.id,
        error:
          e instanceof StakemeshFailure
            ? { code: e.code, message: e.message }
            : { code: 'JOB_FAILED', message: e instanceof Error ? e.message : String(e) },
      }),
  );
});
