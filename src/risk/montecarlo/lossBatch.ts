import { histBin, histBinScaled, histBins, quantum, type EntityStats } from './accumulator.js';

/**
 * Sides with at most this many entities record each event straight into their histogram: it is
 * then at most 128 × 192 bins × 16 bytes = 384 KiB and stays in the core's L2 cache, so sorting
 * the events first would cost more than the cache misses it saves.
 */
export const directEntitiesMax = 128;
/**
 * Buffered events per entity of a larger side. A fold loads each touched cache line of an
 * entity's histogram row once, so the misses per event fall as the events folded at once grow;
 * at 128 an operator's (about ten hot lines of its row) cost under 0.1 miss per event. Measured
 * on the 2,000 × 100 bench network: 16 per entity (a fixed 32,768-event buffer shared by all)
 * spent a third of the Monte Carlo in histogram misses.
 */
export const lossBatchEventsPerEntity = 128;
/** Bound on the whole buffer (events, 8 bytes each): flat in the scenario count. */
export const lossBatchEventsMax = 1 << 18;
/** Fewest slots per entity when the bound above is shared by very many entities. */
export const lossBatchSlotsMin = 8;

/** Slots per entity for a side of `entities` entities (0: direct recording). */
export function lossBatchCapacity(entities: number): number {
  if (entities <= directEntitiesMax) return 0;
  return Math.max(lossBatchSlotsMin, Math.min(lossBatchEventsPerEntity, Math.floor(lossBatchEventsMax / entities)));
}

/**
 * Histogram bin of a threshold for exceedance counting: a fraction in a bin above it exceeds the
 * threshold, one in a bin below does not (bins are contiguous and histBin is exact), so only the
 * fractions in the threshold's own bin are compared. −1: every positive fraction exceeds (t ≤ 0);
 * histBins: none does (NaN).
 */
export function thresholdBin(t: number): number {
  if (t !== t) return histBins;
  return t > 0 ? histBin(t) : -1;
}

/**
 * Loss fractions of one side (operators or services) on their way into its EntityStats. Recording
 * straight into the statistics touches scattered rows per event (the per-entity histograms of
 * 2,000 operators are 6 MB), which was most of the Monte Carlo's time; so large sides keep a few
 * slots per entity (one small array: its current cache line per entity stays in L2) and fold an
 * entity's events when its slots are full (its histogram row is then loaded once for all of
 * them), while small sides, whose histogram stays in cache, record directly.
 * Per event only Σ q2² and the histogram (count and Σ q of the bin, side by side: one cache line)
 * are updated; Σ q, the count of losses and the exceedances are derived from the histogram by
 * `finish` (exceedances: bins above the threshold's bin plus the fractions compared one by one in
 * it). Every statistic is a sum of integers (accumulator.ts: fractions are quantised first), so
 * neither the order of the additions nor the derivation changes any bit: both paths give exactly
 * what `addLoss` per event gives.
 */
export class LossBatch {
  /** Slots per entity; 0: every event is recorded at once. */
  readonly capacity: number;
  /** slots[e · capacity + j], j < used[e]: buffered fractions of entity e. */
  private readonly slots: Float64Array;
  private readonly used: Int32Array;
  /** hist[2 (e · histBins + b)]: count, hist[2 (e · histBins + b) + 1]: Σ q of bin b of entity e. */
  private readonly hist: Float64Array;
  private readonly thrBin: Int32Array;
  /** 1 for the bins holding a threshold (their fractions are compared one by one). */
  private readonly thrFlag: Uint8Array;
  /** partial[e · thresholds + k]: fractions in threshold k's own bin above it. */
  private readonly partial: Float64Array;
  /** Per-entity suffix sums of bin counts (finish). */
  private readonly above = new Float64Array(histBins + 2);

  /** `capacity` defaults to lossBatchCapacity(st.n); 0 records directly (tests force either path). */
  constructor(
    private readonly st: EntityStats,
    private readonly thresholds: Float64Array,
    capacity: number = lossBatchCapacity(st.n),
  ) {
    this.capacity = capacity;
    this.slots = new Float64Array(capacity * st.n);
    this.used = new Int32Array(capacity > 0 ? st.n : 0);
    this.hist = new Float64Array(2 * st.n * histBins);
    this.thrBin = Int32Array.from(thresholds, thresholdBin);
    this.thrFlag = new Uint8Array(histBins);
    for (const b of this.thrBin) if (b >= 0 && b < histBins) this.thrFlag[b] = 1;
    this.partial = new Float64Array(st.n * thresholds.length);
  }

  /** Records a positive loss fraction (loss / exposure) of entity e. */
  add(e: number, frac: number): void {
    const cap = this.capacity;
    if (cap === 0) {
      this.record(e, frac);
      return;
    }
    const j = this.used[e]!;
    this.slots[e * cap + j] = frac;
    if (j + 1 === cap) {
      this.fold(e, cap);
      this.used[e] = 0;
    } else this.used[e] = j + 1;
  }

  /** Folds everything recorded into the statistics; call after the last event. */
  finish(): void {
    const { st, hist, used, partial } = this;
    for (let e = 0; e < used.length; e++) {
      if (used[e]! > 0) this.fold(e, used[e]!);
      used[e] = 0;
    }
    for (let e = 0; e < st.n; e++) this.derive(e);
    for (let b = 0; b < st.histCount.length; b++) {
      st.histCount[b] = st.histCount[b]! + hist[2 * b]!;
      st.histSumQ[b] = st.histSumQ[b]! + hist[2 * b + 1]!;
    }
    hist.fill(0);
    partial.fill(0);
  }

  /** Σ q, the count of losses and the exceedances of entity e from its histogram row. */
  private derive(e: number): void {
    const { st, hist, above, thrBin, partial } = this;
    const row = 2 * e * histBins;
    let count = 0;
    let sumQ = 0;
    above[histBins + 1] = 0;
    above[histBins] = 0;
    for (let b = histBins - 1; b >= 0; b--) {
      count += hist[row + 2 * b]!;
      sumQ += hist[row + 2 * b + 1]!;
      above[b] = count;
    }
    st.sumQ[e] = st.sumQ[e]! + sumQ;
    st.nonzero[e] = st.nonzero[e]! + count;
    const nThr = thrBin.length;
    for (let k = 0; k < nThr; k++) {
      const c = above[thrBin[k]! + 1]! + partial[e * nThr + k]!;
      st.exceed[e * nThr + k] = st.exceed[e * nThr + k]! + c;
    }
  }

  /** One event straight into the statistics (small sides). */
  private record(e: number, frac: number): void {
    const { st, hist } = this;
    // frac < 2, so the scaled fraction and q fit in 31 bits; q2 = round(q / 2^15) (as addLoss)
    const x = frac * quantum;
    const q = (x + 0.5) | 0;
    const q2 = (q + 16384) >>> 15;
    st.sumSqQ[e] = st.sumSqQ[e]! + q2 * q2;
    const bin = histBinScaled(x | 0);
    const b = 2 * (e * histBins + bin);
    hist[b]!++;
    hist[b + 1] = hist[b + 1]! + q;
    if (this.thrFlag[bin] === 1) this.compare(e, bin, frac);
  }

  /** A fraction in a threshold's own bin: compared with the thresholds of that bin. */
  private compare(e: number, bin: number, frac: number): void {
    const { thresholds, thrBin, partial } = this;
    const nThr = thrBin.length;
    for (let k = 0; k < nThr; k++) if (thrBin[k] === bin && frac > thresholds[k]!) partial[e * nThr + k]!++;
  }

  /** Folds the first `n` buffered events of entity e into its Σ q2² and this batch's histogram. */
  private fold(e: number, n: number): void {
    const { st, slots, hist, thrFlag } = this;
    const from = e * this.capacity;
    const to = from + n;
    const row = 2 * e * histBins;
    let sumSqQ = 0;
    for (let i = from; i < to; i++) {
      const x = slots[i]! * quantum;
      const q = (x + 0.5) | 0;
      const q2 = (q + 16384) >>> 15;
      sumSqQ += q2 * q2;
      const bin = histBinScaled(x | 0);
      const b = row + 2 * bin;
      hist[b]!++;
      hist[b + 1] = hist[b + 1]! + q;
      if (thrFlag[bin] === 1) this.compare(e, bin, slots[i]!);
    }
    st.sumSqQ[e] = st.sumSqQ[e]! + sumSqQ;
  }
}
