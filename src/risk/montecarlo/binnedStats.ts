import { binRange, histBins, quantum, squareQuantum, type EntityStats } from './accumulator.js';
import type { LossStats } from './lossStats.js';

/**
 * Loss statistics of entity e from its exact-integer accumulators. Mean, P(loss > 0) and
 * exceedances are exact; VaR and ES come from the log-binned histogram (VaR = mean loss of the
 * bin holding the quantile, exact for point masses; ES uses exact per-bin sums).
 */
export function binnedStats(
  id: string,
  exposure: number,
  st: EntityStats,
  e: number,
  n: number,
  levels: readonly number[],
  thresholds: readonly number[],
): LossStats {
  const meanFrac = (st.sumQ[e] ?? 0) / quantum / n;
  const meanSq = (st.sumSqQ[e] ?? 0) / (squareQuantum * squareQuantum) / n;
  const varFrac = Math.max(0, meanSq - meanFrac * meanFrac) * (n / Math.max(1, n - 1));
  const sd = Math.sqrt(varFrac) * exposure;
  const tail = (level: number) => {
    const m = Math.max(1, Math.ceil((1 - level) * n - 1e-9));
    let left = m;
    let sum = 0;
    let varFracAt = 0;
    for (let b = histBins - 1; b >= 0 && left > 0; b--) {
      const c = st.histCount[e * histBins + b] ?? 0;
      if (c === 0) continue;
      const binMean = (st.histSumQ[e * histBins + b] ?? 0) / quantum / c;
      const take = Math.min(c, left);
      sum += take * binMean;
      left -= take;
      varFracAt = binMean;
    }
    return { var: left > 0 ? 0 : varFracAt, es: sum / m };
  };
  const nThr = thresholds.length;
  return {
    id,
    exposure,
    expectedLoss: meanFrac * exposure,
    expectedLossRate: meanFrac,
    stdDev: sd,
    stdError: sd / Math.sqrt(n),
    probabilityOfLoss: (st.nonzero[e] ?? 0) / n,
    valueAtRisk: levels.map((level) => ({ level, value: tail(level).var * exposure })),
    expectedShortfall: levels.map((level) => ({ level, value: tail(level).es * exposure })),
    exceedance: thresholds.map((threshold, k) => ({ threshold, probability: (st.exceed[e * nThr + k] ?? 0) / n })),
    exact: false,
  };
}

/** Non-empty histogram bins of entity e in loss units (plus the count of zero-loss scenarios). */
export function lossBins(
  st: EntityStats,
  e: number,
  n: number,
  exposure: number,
): { zero: number; bins: { from: number; to: number; count: number }[] } {
  const bins: { from: number; to: number; count: number }[] = [];
  for (let b = 0; b < histBins; b++) {
    const c = st.histCount[e * histBins + b] ?? 0;
    if (c > 0) {
      const r = binRange(b);
      bins.push({ from: r.from * exposure, to: Math.min(1, r.to) * exposure, count: c });
    }
  }
  return { zero: n - (st.nonzero[e] ?? 0), bins };
}
