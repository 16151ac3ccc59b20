import { useEffect, useState } from 'preact/hooks';
import { getJson, type JsonObject } from './api';
import { useApi, type Loaded } from './useApi';

/**
 * The answer of a live job endpoint (/v1/risk/montecarlo, /prices, /allocations/{id}): the job runs on
 * the head's state (stateHash, seq, block) and is `running`, `done` with its result, or `failed`.
 */
export interface JobAnswer {
  status: 'running' | 'done' | 'failed';
  stateHash?: string;
  seq?: number;
  block?: number;
  result?: JsonObject | null;
  message?: string;
  [k: string]: unknown;
}

/** Poll interval while a job runs. */
const pollMs = 1500;

/** Loads a job endpoint again on every new head and, while the job runs, every `pollMs`. */
export function useJob(path: string | null, seq: number): Loaded<JobAnswer> {
  const [tick, setTick] = useState(0);
  const job = useApi((s) => (path === null ? Promise.reject(new Error('no job')) : getJson<JobAnswer>(path, s)), [path, seq, tick]);
  const running = job.state === 'ok' && job.data.status === 'running';
  useEffect(() => {
    if (!running) return;
    const t = setTimeout(() => setTick((n) => n + 1), pollMs);
    return () => clearTimeout(t);
  }, [running, tick]);
  return job;
}
