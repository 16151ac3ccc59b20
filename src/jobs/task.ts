import type { JobSpec } from './jobSpec.js';
import type { ShardRange } from './montecarlo/shardPlan.js';

/** One unit of work a worker runs: a Monte Carlo shard or a whole (unsharded) job, on a stored input. */
export type Task =
  | {
      readonly type: 'shard';
      readonly key: string;
      readonly inputHash: string;
      readonly seed: number;
      readonly thresholds: readonly number[];
      readonly range: ShardRange;
    }
  | { readonly type: 'whole'; readonly key: string; readonly inputHash: string; readonly spec: JobSpec };

/** Queue/job id of a task: the job key and the scenario range (idempotent: adding it twice is one task). */
export function taskId(t: Task): string {
  return t.type === 'shard' ? `${t.key}-${t.range.start}-${t.range.end}` : `${t.key}-w`;
}
