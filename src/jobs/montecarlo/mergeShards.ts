import { mergeAccumulator, newAccumulator } from '../../risk/montecarlo/accumulator.js';
import type { CompiledModel } from '../../risk/montecarlo/model.js';
import type { MonteCarloRaw } from '../../risk/montecarlo/runMonteCarlo.js';
import type { ShardResult } from './runShard.js';

/**
 * Exact merge: accumulator entries are integers below 2^53 (risk/montecarlo/accumulator.ts), so their sums do
 * not depend on the order or grouping of shards; per-scenario losses are copied to their global index. The
 * result equals a single-process run bit for bit. Throws if the shards do not tile [0, scenarios) exactly.
 */
export function mergeShards(
  m: CompiledModel,
  scenarios: number,
  thresholds: readonly number[],
  shards: readonly ShardResult[],
): MonteCarloRaw {
  const sorted = [...shards].sort((a, b) => a.range.start - b.range.start);
  let next = 0;
  for (const s of sorted) {
    if (s.range.start !== next) throw new Error(`assertion failed: shards do not tile the scenarios at ${next}`);
    next = s.range.end;
  }
  if (next !== scenarios) throw new Error(`assertion failed: shards end at ${next}, not ${scenarios}`);
  const acc = newAccumulator(m, thresholds);
  const totals = new Float64Array(scenarios);
  const positions = new Float64Array(Math.max(1, m.nPos * scenarios));
  for (const s of sorted) {
    mergeAccumulator(acc, s.acc);
    const { start, end } = s.range;
    const len = end - start;
    totals.set(s.totals, start);
    for (let p = 0; p < m.nPos; p++) positions.set(s.positions.subarray(p * len, (p + 1) * len), p * scenarios + start);
  }
  return { scenarios, acc, totals, positions };
}
