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
 * A packed histogram cell holds Σ (q + cellUnit) over its events: count · 2^41 + Σ q, exact in a
 * double while the count stays ≤ cellEventsMax and each q ≤ qCellMax (then Σ q < 2^41 and the
 * cell < 2^52). One 8-byte read-modify-write per event instead of two, and half the cache lines.
 */
const cellUnit = 2 ** 41;
export const cellEventsMax = 2047;
const qCellMax = Math.floor((cellUnit - 1) / cellEventsMax);
/** Largest slots per entity: a fold must fit in a packed row's remaining room. */
export const lossBatchSlotsMax = 1024;

/**
 * Loss fractions of one side (operators or services) on their way into its EntityStats. Recording
 * straight into the statistics touches scattered rows per event (the per-entity histograms of
 * 2,000 operators are 6 MB), which was most of the Monte Carlo's time; so large sides keep a few
 * slots per entity (one small array: its current cache line per entity stays in L2) and fold an
 * entity's events when its slots are full (its histogram row is then loaded once for all of
 * them), while small sides record directly.
 * Per event only Σ q2² and one packed histogram cell (count and Σ q of the bin in one double) are
 * updated; a row is unpacked into exact per-bin counts and sums before a cell could overflow.
 * Σ q, the count of losses and the exceedances are derived from the histogram by `finish`
 * (exceedances: bins above the threshold's bin plus the fractions compared one by one in it).
 * Every statistic is a sum of integers (accumulator.ts: fractions are quantised first), so
 * neither the order of the additions nor the packing or derivation changes any bit: both paths
 * give exactly what `addLoss` per event gives.
 */
export class LossBatch {
  /** Slots per entity; 0: every event is recorded at once. */
  readonly capacity: number;
  /** slots[e · capacity + j], j < used[e]: buffered fractions of entity e. */
  private readonly slots: Float64Array;
  private readonly used: Int32Array;
  /** packed[e · histBins + b]: count · cellUnit + Σ q of bin b of entity e since the row's last unpacking. */
  private readonly packed: Float64Array;
  /** Events in entity e's packed row. */
  private readonly pending: Int32Array;
  /** Unpacked counts and Σ q per (entity, bin) of this batch. */
  private readonly binCount: Float64Array;
  private readonly binSumQ: Float64Array;
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
    if (!(capacity >= 0 && capacity <= lossBatchSlotsMax))
      throw new RangeError(`LossBatch capacity ${capacity} outside [0, ${lossBatchSlotsMax}]`);
    this.capacity = capacity;
    this.slots = new Float64Array(capacity * st.n);
    this.used = new Int32Array(capacity > 0 ? st.n : 0);
    this.packed = new Float64Array(st.n * histBins);
    this.pending = new Int32Array(st.n);
    this.binCount = new Float64Array(st.n * histBins);
    this.binSumQ = new Float64Array(st.n * histBins);
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
    const { st, used, binCount, binSumQ, partial } = this;
    for (let e = 0; e < used.length; e++) {
      if (used[e]! > 0) this.fold(e, used[e]!);
      used[e] = 0;
    }
    for (let e = 0; e < st.n; e++) {
      this.unpack(e);
      this.derive(e);
    }
    for (let b = 0; b < st.histCount.length; b++) {
      st.histCount[b] = st.histCount[b]! + binCount[b]!;
      st.histSumQ[b] = st.histSumQ[b]! + binSumQ[b]!;
    }
    binCount.fill(0);
    binSumQ.fill(0);
    partial.fill(0);
  }

  /** Moves entity e's packed row into the exact per-bin counts and sums. */
  private unpack(e: number): void {
    const { packed, binCount, binSumQ } = this;
    const row = e * histBins;
    for (let i = row; i < row + histBins; i++) {
      const c = packed[i]!;
      if (c === 0) continue;
      const count = Math.floor(c / cellUnit);
      binCount[i] = binCount[i]! + count;
      binSumQ[i] = binSumQ[i]! + (c - count * cellUnit);
      packed[i] = 0;
    }
    this.pending[e] = 0;
  }

  /** Σ q, the count of losses and the exceedances of entity e from its unpacked histogram row. */
  private derive(e: number): void {
    const { st, binCount, binSumQ, above, thrBin, partial } = this;
    const row = e * histBins;
    let count = 0;
    let sumQ = 0;
    above[histBins + 1] = 0;
    above[histBins] = 0;
    for (let b = histBins - 1; b >= 0; b--) {
      count += binCount[row + b]!;
      sumQ += binSumQ[row + b]!;
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
    // frac < 2, so the scaled fraction and q fit in 31 bits; q2 = round(q / 2^15) (as addLoss)
    const x = frac * quantum;
    const q = (x + 0.5) | 0;
    const q2 = (q + 16384) >>> 15;
    this.st.sumSqQ[e] = this.st.sumSqQ[e]! + q2 * q2;
    const bin = histBinScaled(x | 0);
    const i = e * histBins + bin;
    if (q <= qCellMax) this.packed[i] = this.packed[i]! + (q + cellUnit);
    else this.spill(i, q);
    if (this.thrFlag[bin] === 1) this.compare(e, bin, frac);
    const p = this.pending[e]! + 1;
    if (p === cellEventsMax) this.unpack(e);
    else this.pending[e] = p;
  }

  /** An event too large for a packed cell (a fraction above 1 by more than rounding) goes straight in. */
  private spill(i: number, q: number): void {
    this.binCount[i] = this.binCount[i]! + 1;
    this.binSumQ[i] = this.binSumQ[i]! + q;
  }

  /** A fraction in a threshold's own bin: compared with the thresholds of that bin. */
  private compare(e: number, bin: number, frac: number): void {
    const { thresholds, thrBin, partial } = this;
    const nThr = thrBin.length;
    for (let k = 0; k < nThr; k++) if (thrBin[k] === bin && frac > thresholds[k]!) partial[e * nThr + k]!++;
  }

  /** Folds the first `n` buffered events of entity e into its Σ q2² and its packed histogram row. */
  private fold(e: number, n: number): void {
    const { st, slots, packed, thrFlag } = this;
    const from = e * this.capacity;
    const to = from + n;
    const row = e * histBins;
    let sumSqQ = 0;
    for (let i = from; i < to; i++) {
      const x = slots[i]! * quantum;
      const q = (x + 0.5) | 0;
      const q2 = (q + 16384) >>> 15;
      sumSqQ += q2 * q2;
      const bin = histBinScaled(x | 0);
      if (q <= qCellMax) packed[row + bin] = packed[row + bin]! + (q + cellUnit);
      else this.spill(row + bin, q);
      if (thrFlag[bin] === 1) this.compare(e, bin, slots[i]!);
    }
    st.sumSqQ[e] = st.sumSqQ[e]! + sumSqQ;
    // the next fold adds at most `capacity` events to a cell: unpack before that could overflow
    const p = this.pending[e]! + n;
    if (p > cellEventsMax - this.capacity) this.unpack(e);
    else this.pending[e] = p;
  }
}
