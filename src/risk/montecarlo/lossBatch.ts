import { histBin, histBins, quantum, type EntityStats } from './accumulator.js';

/** Loss events buffered per side before a fold (fixed: memory does not grow with the scenario count). */
export const lossBatchEvents = 32_768;

/**
 * Loss fractions of one side (operators or services) buffered as (entity, fraction) events and
 * folded into its EntityStats in entity order. Recording straight into the statistics touches
 * six scattered rows per event (the per-entity histograms alone are megabytes), which was most of
 * the Monte Carlo's time; folded per entity, a row is loaded once for all of its events.
 * Every statistic is a sum of integers (accumulator.ts: fractions are quantised first), so the
 * order of the additions cannot change any bit of the result: the fold gives exactly what
 * `addLoss` per event gives. The histogram is kept here with each bin's count and loss sum side
 * by side (one cache line per event instead of two) and added into the statistics by `finish`.
 */
export class LossBatch {
  private readonly entity = new Int32Array(lossBatchEvents);
  private readonly frac = new Float64Array(lossBatchEvents);
  private readonly sorted = new Float64Array(lossBatchEvents);
  private readonly start: Int32Array;
  /** hist[2 (e · histBins + b)]: count, hist[2 (e · histBins + b) + 1]: Σ q of bin b of entity e. */
  private readonly hist: Float64Array;
  private size = 0;

  constructor(
    private readonly st: EntityStats,
    private readonly thresholds: Float64Array,
  ) {
    this.start = new Int32Array(st.n + 1);
    this.hist = new Float64Array(2 * st.n * histBins);
  }

  /** Records a positive loss fraction (loss / exposure) of entity e. */
  add(e: number, frac: number): void {
    this.entity[this.size] = e;
    this.frac[this.size] = frac;
    if (++this.size === lossBatchEvents) this.flush();
  }

  /** Folds everything recorded into the statistics; call after the last event. */
  finish(): void {
    this.flush();
    const { st, hist } = this;
    for (let b = 0; b < st.histCount.length; b++) {
      st.histCount[b] = st.histCount[b]! + hist[2 * b]!;
      st.histSumQ[b] = st.histSumQ[b]! + hist[2 * b + 1]!;
    }
    hist.fill(0);
  }

  /** Folds the buffered events into the per-entity sums and this batch's histogram. */
  private flush(): void {
    const n = this.size;
    if (n === 0) return;
    const { entity, frac, sorted, start } = this;
    const ne = this.st.n;
    // counting sort by entity: start[e] ends as the first slot of entity e
    start.fill(0);
    for (let i = 0; i < n; i++) start[entity[i]! + 1]!++;
    for (let e = 0; e < ne; e++) start[e + 1] = start[e + 1]! + start[e]!;
    for (let i = 0; i < n; i++) sorted[start[entity[i]!]!++] = frac[i]!;
    // start[e] now holds the end of entity e (the first slot of e + 1)
    let from = 0;
    for (let e = 0; e < ne; e++) {
      const to = start[e]!;
      if (to > from) this.fold(e, from, to);
      from = to;
    }
    this.size = 0;
  }

  private fold(e: number, from: number, to: number): void {
    const { st, thresholds, sorted, hist } = this;
    const nThr = thresholds.length;
    const row = e * histBins;
    let sumQ = 0;
    let sumSqQ = 0;
    for (let i = from; i < to; i++) {
      const frac = sorted[i]!;
      // frac ≤ 1, so q < 2^31 and integer arithmetic applies; q2 = round(q / 2^15) (as addLoss).
      const q = (frac * quantum + 0.5) | 0;
      const q2 = (q + 16384) >>> 15;
      sumQ += q;
      sumSqQ += q2 * q2;
      for (let k = 0; k < nThr; k++) if (frac > thresholds[k]!) st.exceed[e * nThr + k]!++;
      const b = 2 * (row + histBin(frac));
      hist[b]!++;
      hist[b + 1] = hist[b + 1]! + q;
    }
    st.sumQ[e] = st.sumQ[e]! + sumQ;
    st.sumSqQ[e] = st.sumSqQ[e]! + sumSqQ;
    st.nonzero[e] = st.nonzero[e]! + (to - from);
  }
}
