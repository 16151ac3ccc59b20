/** One measured figure of a benchmark. */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target from the issue, in words (e.g. "≥ 100,000/s"). */
  readonly target?: string;
  /** Whether the figure meets the target; omitted when there is no target. */
  readonly met?: boolean;
  readonly note?: string;
}

/** A benchmark file `bench/<name>.bench.ts` exports `run` returning its rows. */
export type BenchRun = () => Promise<BenchRow[]>;
