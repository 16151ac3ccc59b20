import { histBinScaled, histBins, quantum, type EntityStats } from './accumulator.js';

/**
 * Sides with at most this many entities record each event straight into their histogram: it is
 * then at most 128 × 192 bins × 16 bytes = 384 KiB and stays in the core's L2 cache, so sorting
 * the events first would cost more than the cache misses it saves.
 */
export const directEntitiesMax = 128;
/**
 * Buffered events per entity of a larger side. A fold loads each touched cache line of an
 * entity's histogram row once per flush, so the misses per event fall as events per entity per
 * flush grow; at 128 an operator's (about ten hot lines of its row) cost well under 0.1 miss
 * per event. Measured on the 2,000 × 100 bench network: 16 per entity (a fixed 32,768-event
 * buffer) spent a third of the Monte Carlo in histogram misses, 128 about a tenth.
 */
export const lossBatchEventsPerEntity = 128;
/** Bounds on the buffer (events; 16 bytes each with the sort's target): flat in the scenario count. */
export const lossBatchEventsMin = 4096;
export const lossBatchEventsMax = 1 << 18;

/** Events buffered before a fold for a side of `entities` entities (0: direct recording). */
export function lossBatchCapacity(entities: number): number {
  if (entities <= directEntitiesMax) return 0;
  return Math.min(lossBatchEventsMax, Math.max(lossBatchEventsMin, entities * lossBatchEventsPerEntity));
}

/**
 * Loss fractions of one side (operators or services) on their way into its EntityStats. Recording
 * straight into the statistics touches scattered rows per event (the per-entity histograms of
 * 2,000 operators are 6 MB), which was most of the Monte Carlo's time; so large sides buffer
 * (entity, fraction) events, counting-sort them by entity and fold each entity's events at once
 * (its row is loaded once per flush), while small sides, whose histogram stays in cache, record
 * directly. Every statistic is a sum of integers (accumulator.ts: fractions are quantised first),
 * so the order of the additions cannot change any bit of the result: both give exactly what
 * `addLoss` per event gives. The histogram is kept here with each bin's count and loss sum side
 * by side (one cache line per event instead of two) and added into the statistics by `finish`.
 */
export class LossBatch {
  /** Buffered events before a fold; 0: every event is recorded at once. */
  readonly capacity: number;
  private readonly entity: Int32Array;
  private readonly frac: Float64Array;
  private readonly sorted: Float64Array;
  private readonly start: Int32Array;
  /** hist[2 (e · histBins + b)]: count, hist[2 (e · histBins + b) + 1]: Σ q of bin b of entity e. */
  private readonly hist: Float64Array;
  private size = 0;

  /** `capacity` defaults to lossBatchCapacity(st.n); 0 records directly (tests force either path). */
  constructor(
    private readonly st: EntityStats,
    private readonly thresholds: Float64Array,
    capacity: number = lossBatchCapacity(st.n),
  ) {
    this.capacity = capacity;
    this.entity = new Int32Array(capacity);
    this.frac = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
    this.start = new Int32Array(capacity > 0 ? st.n + 1 : 0);
    this.hist = new Float64Array(2 * st.n * histBins);
  }

  /** Records a positive loss fraction (loss / exposure) of entity e. */
  add(e: number, frac: number): void {
    if (this.capacity === 0) {
      this.record(e, frac);
      return;
    }
    this.entity[this.size] = e;
    this.frac[this.size] = frac;
    if (++this.size === this.capacity) this.flush();
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

  /** One event straight into the statistics (small sides). */
  private record(e: number, frac: number): void {
    const { st, thresholds, hist } = this;
    // frac < 2, so the scaled fraction and q fit in 31 bits; q2 = round(q / 2^15) (as addLoss)
    const x = frac * quantum;
    const q = (x + 0.5) | 0;
    const q2 = (q + 16384) >>> 15;
    st.sumQ[e] = st.sumQ[e]! + q;
    st.sumSqQ[e] = st.sumSqQ[e]! + q2 * q2;
    st.nonzero[e] = st.nonzero[e]! + 1;
    const nThr = thresholds.length;
    for (let k = 0; k < nThr; k++) if (frac > thresholds[k]!) st.exceed[e * nThr + k]!++;
    const b = 2 * (e * histBins + histBinScaled(x | 0));
    hist[b]!++;
    hist[b + 1] = hist[b + 1]! + q;
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
    const row = 2 * e * histBins;
    let sumQ = 0;
    let sumSqQ = 0;
    for (let i = from; i < to; i++) {
      const x = sorted[i]! * quantum;
      const q = (x + 0.5) | 0;
      const q2 = (q + 16384) >>> 15;
      sumQ += q;
      sumSqQ += q2 * q2;
      const b = row + 2 * histBinScaled(x | 0);
      hist[b]!++;
      hist[b + 1] = hist[b + 1]! + q;
    }
    st.sumQ[e] = st.sumQ[e]! + sumQ;
    st.sumSqQ[e] = st.sumSqQ[e]! + sumSqQ;
    st.nonzero[e] = st.nonzero[e]! + (to - from);
    // exceedances threshold by threshold over the entity's (cached) events: counts stay in a register
    const nThr = thresholds.length;
    for (let k = 0; k < nThr; k++) {
      const thr = thresholds[k]!;
      let c = 0;
      for (let i = from; i < to; i++) if (sorted[i]! > thr) c++;
      st.exceed[e * nThr + k] = st.exceed[e * nThr + k]! + c;
    }
  }
}
