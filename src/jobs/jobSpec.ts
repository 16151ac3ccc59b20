/** The kinds of heavy risk work (SPEC §10 jobs). */
export const jobKinds = ['montecarlo', 'analyze', 'price', 'optimize', 'report'] as const;
export type JobKind = (typeof jobKinds)[number];

/**
 * A job (SPEC §10): what to compute (`kind`, `params`) on which state (`stateHash`). Its content hash is its
 * key: the same spec twice is one job. Execution hints (shard count, backend) are not part of the spec, so
 * they never change the key nor — by construction — the result.
 */
export interface JobSpec {
  readonly kind: JobKind;
  /** The ledger state hash the input describes (or the input's own content hash, `inputHash`, offline). */
  readonly stateHash: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Progress of a job: units done of a total (scenarios for Monte Carlo, phases otherwise). */
export interface JobProgress {
  readonly key: string;
  readonly kind: JobKind;
  readonly done: number;
  readonly total: number;
}

export type JobOutcome =
  | { readonly status: 'done'; readonly key: string; readonly result: unknown; readonly cached: boolean }
  | {
      readonly status: 'failed';
      readonly key: string;
      readonly code: string;
      readonly message: string;
      /** True when running the same job again may succeed (queue down, worker lost); false for bad input. */
      readonly retryable: boolean;
    };
