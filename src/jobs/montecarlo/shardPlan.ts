/** A contiguous range of scenario indices [start, end) of a Monte Carlo job. */
export interface ShardRange {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** Most shards one job is split into (each is a queue entry and a merge step). */
export const shardsMax = 4096;

/** Splits [0, scenarios) into `shards` near-equal ranges (empty ranges dropped). */
export function planShards(scenarios: number, shards: number): ShardRange[] {
  const k = Math.max(1, Math.min(shards, shardsMax, scenarios));
  const out: ShardRange[] = [];
  for (let i = 0; i < k; i++) {
    const start = Math.floor((scenarios * i) / k);
    const end = Math.floor((scenarios * (i + 1)) / k);
    if (end > start) out.push({ index: out.length, start, end });
  }
  return out;
}
