import type { JobKind } from './jobSpec.js';

/** A finished job as stored (SPEC §10: results stored, keyed by the content hash). */
export interface JobRecord {
  readonly key: string;
  readonly kind: JobKind;
  readonly stateHash: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly result: unknown;
  /** ms since the epoch (informational; never part of the key or the result). */
  readonly finishedAt: number;
}

/** Where finished jobs live. Only successful results are stored: a failed job may be run again. */
export interface ResultStore {
  get(key: string): Promise<JobRecord | null>;
  put(record: JobRecord): Promise<void>;
}
