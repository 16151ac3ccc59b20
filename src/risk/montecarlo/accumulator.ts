import type { CompiledModel } from './model.js';

/**
 * Order-independent statistics: every float added is first quantised to an integer multiple of
 * 2^-30 of the entity's exposure (2^-15 for squares), so sums are exact integers in a double as
 * long as scenarios ≤ 2^23. Merging worker results is then exact, and results are bit-identical
 * whatever the thread count.
 */
export const quantum = 2 ** 30;
export const squareQuantum = 2 ** 15;
/**
 * Loss-fraction histogram: log-spaced bins from 2^-histOctaves to 1, histPerOctave per octave
 * (taken from the float's exponent and top mantissa bits: no logarithm per loss; bin width ≤ 12.5 %).
 */
export const histOctaves = 24;
export const histPerOctave = 8;
export const histBins = histOctaves * histPerOctave;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const hiWord = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

export interface EntityStats {
  readonly n: number;
  readonly sumQ: Float64Array;
  readonly sumSqQ: Float64Array;
  readonly nonzero: Float64Array;
  /** exceed[e * thresholds + k]: scenarios with loss fraction > thresholds[k]. */
  readonly exceed: Float64Array;
  readonly histCount: Float64Array;
  readonly histSumQ: Float64Array;
}

export interface Accumulator {
  readonly thresholds: Float64Array;
  readonly ops: EntityStats;
  readonly svcs: EntityStats;
  /** Faults of service s (events, whatever their severity). */
  readonly faultCount: Float64Array;
  /** contagion[s * nSvc + t]: Σ over faults of s of quantised security loss fraction of t. */
  readonly contagion: Float64Array;
}

function newStats(n: number, nThr: number): EntityStats {
  return {
    n,
    sumQ: new Float64Array(n),
    sumSqQ: new Float64Array(n),
    nonzero: new Float64Array(n),
    exceed: new Float64Array(n * nThr),
    histCount: new Float64Array(n * histBins),
    histSumQ: new Float64Array(n * histBins),
  };
}

export function newAccumulator(m: CompiledModel, thresholds: readonly number[]): Accumulator {
  return {
    thresholds: Float64Array.from(thresholds),
    ops: newStats(m.nOps, thresholds.length),
    svcs: newStats(m.nSvc, thresholds.length),
    faultCount: new Float64Array(m.nSvc),
    contagion: new Float64Array(m.nSvc * m.nSvc),
  };
}

export function histBin(frac: number): number {
  f64[0] = frac;
  const hi = u32[hiWord]!;
  const b = (((hi >>> 20) & 0x7ff) - 1023 + histOctaves) * histPerOctave + ((hi >>> 17) & 7);
  return b < 0 ? 0 : b >= histBins ? histBins - 1 : b;
}

/**
 * histBin(frac) from t = ⌊frac · quantum⌋ (the `(frac * quantum) | 0` of a fraction below 2):
 * integer work only, no float-to-bits store and reload. Exact: every bin boundary from 2^-24
 * up is a multiple of 2^-27, so scaling by 2^30 (exact) maps it to an integer and the floor
 * keeps frac ≥ boundary ⇔ t ≥ boundary · 2^30; the top bit of t is the octave and the three
 * bits under it the step within the octave, as in the float's exponent and mantissa.
 */
export function histBinScaled(t: number): number {
  if (t < 64) return 0; // below 2^-24
  const k = 31 - Math.clz32(t);
  const b = (k - 6) * histPerOctave + ((t >>> (k - 3)) & 7);
  return b < histBins ? b : histBins - 1;
}

/** Records a positive loss fraction (loss / exposure) of entity e. */
export function addLoss(st: EntityStats, thresholds: Float64Array, e: number, frac: number): void {
  // frac ≤ 1, so q < 2^31 and integer arithmetic applies; q2 = round(q / 2^15).
  const q = (frac * quantum + 0.5) | 0;
  const q2 = (q + 16384) >>> 15;
  st.sumQ[e] = st.sumQ[e]! + q;
  st.sumSqQ[e] = st.sumSqQ[e]! + q2 * q2;
  st.nonzero[e] = st.nonzero[e]! + 1;
  const nThr = thresholds.length;
  for (let k = 0; k < nThr; k++) if (frac > thresholds[k]!) st.exceed[e * nThr + k] = st.exceed[e * nThr + k]! + 1;
  const b = e * histBins + histBin(frac);
  st.histCount[b] = st.histCount[b]! + 1;
  st.histSumQ[b] = st.histSumQ[b]! + q;
}

/** Adds `b` into `a` (exact: all entries are integers below 2^53). */
export function mergeAccumulator(a: Accumulator, b: Accumulator): void {
  const add = (x: Float64Array, y: Float64Array) => {
    for (let i = 0; i < x.length; i++) x[i] = x[i]! + y[i]!;
  };
  for (const k of ['ops', 'svcs'] as const) {
    add(a[k].sumQ, b[k].sumQ);
    add(a[k].sumSqQ, b[k].sumSqQ);
    add(a[k].nonzero, b[k].nonzero);
    add(a[k].exceed, b[k].exceed);
    add(a[k].histCount, b[k].histCount);
    add(a[k].histSumQ, b[k].histSumQ);
  }
  add(a.faultCount, b.faultCount);
  add(a.contagion, b.contagion);
}

/** Loss-fraction range [from, to) of histogram bin b (bin 0 also holds everything below 2^-histOctaves). */
export function binRange(b: number): { from: number; to: number } {
  const base = 2 ** (Math.floor(b / histPerOctave) - histOctaves);
  const m = b % histPerOctave;
  return { from: b === 0 ? 0 : base * (1 + m / histPerOctave), to: base * (1 + (m + 1) / histPerOctave) };
}
