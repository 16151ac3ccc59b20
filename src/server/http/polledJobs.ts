import type { JobOutcome } from '../../jobs/jobSpec.js';

/** What a polled job endpoint answers: the job's status on the state it was asked for. */
export interface PolledJob {
  readonly status: 'running' | 'done' | 'failed';
  readonly result?: unknown;
  readonly message?: string;
  /** failed: the catalogue code of the job outcome (QUEUE_UNAVAILABLE, JOB_FAILED, …). */
  readonly code?: string;
  /** failed: true when running the job again may succeed (queue down, worker lost). */
  readonly retryable?: boolean;
}

/**
 * Jobs started by a GET and then polled (SPEC §10: results cached by state hash and parameters). The
 * runner is idempotent itself; this keeps, per key, the answer to give while the job runs and after.
 * Only the newest `keptMax` keys are kept: an older state's job simply starts again when asked.
 */
export function polledJobs(keptMax: number) {
  const jobs = new Map<string, PolledJob>();
  const settle = (key: string, job: PolledJob): void => {
    if (jobs.has(key)) jobs.set(key, job);
  };
  return {
    /** The job of `key`, started with `start` when unknown. */
    get(key: string, start: () => Promise<JobOutcome>): PolledJob {
      const known = jobs.get(key);
      if (known) {
        // a retryable failure is answered once; the next request runs the job again
        if (known.status === 'failed' && known.retryable === true) jobs.delete(key);
        return known;
      }
      const job: PolledJob = { status: 'running' };
      jobs.set(key, job);
      for (const old of jobs.keys()) if (jobs.size > keptMax) jobs.delete(old);
      start().then(
        (out) =>
          settle(
            key,
            out.status === 'done'
              ? { status: 'done', result: out.result }
              : { status: 'failed', message: `${out.code}: ${out.message}`, code: out.code, retryable: out.retryable },
          ),
        (e: unknown) => settle(key, { status: 'failed', message: e instanceof Error ? e.message : String(e) }),
      );
      return job;
    },
  };
}
