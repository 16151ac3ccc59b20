/**
 * One event of the EigenLayer core contracts, decoded and normalised: addresses lowercase,
 * integers bigint, tuples plain objects (field → value), arrays arrays. The position
 * (block, transactionIndex, logIndex) orders logs as the chain executed them.
 */
export interface ChainLog {
  readonly block: number;
  readonly transactionIndex: number;
  readonly logIndex: number;
  readonly transactionHash: string;
  /** Null in snapshots that do not carry it (the decoded format keeps hashes in `blocks`). */
  readonly blockHash: string | null;
  readonly address: string;
  readonly event: string;
  readonly args: Readonly<Record<string, unknown>>;
}

/** Chain order: by block, then transaction, then log index. */
export function compareLogs(a: ChainLog, b: ChainLog): number {
  return a.block - b.block || a.transactionIndex - b.transactionIndex || a.logIndex - b.logIndex;
}

/** Where a log sits, for reports: `block:logIndex`. */
export function logPosition(log: ChainLog): string {
  return `${log.block}:${log.logIndex}`;
}
