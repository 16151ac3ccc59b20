import { newAccumulator, type Accumulator } from '../../risk/montecarlo/accumulator.js';
import type { CompiledModel } from '../../risk/montecarlo/model.js';
import { simulateRange } from '../../risk/montecarlo/simulateRange.js';
import type { ShardRange } from './shardPlan.js';

/** What one shard contributes: exact integer statistics and the per-scenario losses of its range. */
export interface ShardResult {
  readonly range: ShardRange;
  readonly acc: Accumulator;
  /** Total loss of scenario start + j at totals[j]. */
  readonly totals: Float64Array;
  /** Loss of position p in scenario start + j at positions[p × (end − start) + j]. */
  readonly positions: Float64Array;
}

/**
 * Runs one shard. Scenario i draws from its own stream keyed by (seed, i) (risk/montecarlo/stream.ts), so a
 * shard's numbers do not depend on which process runs it, and merging shards reproduces a single run bit for bit.
 */
export function runShard(
  m: CompiledModel,
  o: { readonly seed: number; readonly thresholds: readonly number[]; readonly range: ShardRange },
  onProgress?: (done: number) => void,
): ShardResult {
  const { start, end } = o.range;
  const len = end - start;
  const acc = newAccumulator(m, o.thresholds);
  const out = { totals: new Float64Array(len), positions: new Float64Array(Math.max(1, m.nPos * len)), scenarios: len, offset: start };
  simulateRange(m, o.seed, start, end, acc, out, false, onProgress);
  return { range: o.range, acc, totals: out.totals, positions: out.positions };
}
