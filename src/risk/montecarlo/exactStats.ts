import type { Histogram, LossStats } from './lossStats.js';

/** Loss statistics from the full per-scenario sample (network total and positions): exact. */
export function exactStats(
  id: string,
  exposure: number,
  sample: Float64Array,
  levels: readonly number[],
  thresholds: readonly number[],
): LossStats {
  const n = sample.length;
  let sum = 0;
  let nz = 0;
  for (let i = 0; i < n; i++) {
    const v = sample[i] ?? 0;
    sum += v;
    if (v > 0) nz++;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((sample[i] ?? 0) - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const sorted = Float64Array.from(sample).sort();
  return {
    id,
    exposure,
    expectedLoss: mean,
    expectedLossRate: exposure > 0 ? mean / exposure : 0,
    stdDev: sd,
    stdError: sd / Math.sqrt(n),
    probabilityOfLoss: nz / n,
    valueAtRisk: levels.map((level) => ({ level, value: quantileSorted(sorted, level) })),
    expectedShortfall: levels.map((level) => ({ level, value: shortfallSorted(sorted, level) })),
    exceedance: thresholds.map((threshold) => ({ threshold, probability: countAbove(sorted, threshold * exposure) / n })),
    exact: true,
  };
}

/** VaR_α: the smallest x with F(x) ≥ α (order statistic ⌈αn⌉). */
export function quantileSorted(sorted: Float64Array, level: number): number {
  const k = Math.min(sorted.length, Math.max(1, Math.ceil(level * sorted.length - 1e-9)));
  return sorted[k - 1] ?? 0;
}

/** ES_α: the mean of the worst ⌈(1 − α)n⌉ scenarios. */
export function shortfallSorted(sorted: Float64Array, level: number): number {
  const n = sorted.length;
  const m = Math.max(1, Math.ceil((1 - level) * n - 1e-9));
  let s = 0;
  for (let i = n - m; i < n; i++) s += sorted[i] ?? 0;
  return s / m;
}

function countAbove(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) > x) hi = mid;
    else lo = mid + 1;
  }
  return sorted.length - lo;
}

/** Linear histogram of a sample over [0, max]. */
export function histogramOf(sample: Float64Array, bins = 30): Histogram {
  let max = 0;
  for (const v of sample) if (v > max) max = v;
  const width = max > 0 ? max / bins : 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sample) {
    const b = Math.min(bins - 1, Math.floor(v / width));
    counts[b] = (counts[b] ?? 0) + 1;
  }
  return { edges: Array.from({ length: bins + 1 }, (_, i) => i * width), counts };
}
