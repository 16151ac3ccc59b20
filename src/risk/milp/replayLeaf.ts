import type { ExactProgram } from './exactProgram.js';
import type { LeafPart } from './leafBound.js';
import type { ProofLeaf } from './proofTree.js';
import { dualBits, floorUnscaled } from './safeBound.js';
import { sparseBound, sparseBoundReset, sparseBoundScratch, sparseResidual, type SparseBoundScratch } from './sparseBound.js';
import { sparseBoundFloat, sparseBoundFloatReset, sparseBoundFloatScratch, type SparseBoundFloatScratch } from './sparseBoundFloat.js';

/** A reduced-cost leaf with more failing sides than this is searched again as its whole box (one node). */
const flipsOpenMax = 4;

/**
 * A region to search again, with its bound from the carried multipliers (×2^dualBits; search order only). Its box is
 * the carried region's packed fixings, shared with it and never written, plus `extra` when ≥ 0 (a reduced-cost side):
 * at 2,000 × 100 a region fixes about 400 columns, and in a heap profile of one warm analysis there, copying them into
 * a fresh array for every re-opened region (before the replay merges repeats) was about a sixth of what it allocated.
 */
export interface Open {
  readonly fix: Int32Array;
  readonly extra: number;
  readonly bound: bigint;
}

/** The box of `o` as the search's start: its packed fixings in one fresh array. */
export function openBox(o: Open): number[] {
  const n = o.fix.length;
  const box = new Array<number>(o.extra >= 0 ? n + 1 : n);
  for (let t = 0; t < n; t++) box[t] = o.fix[t]!;
  if (o.extra >= 0) box[n] = o.extra;
  return box;
}

/** One kept region on the new program: the part still closed (carried multipliers) and the boxes to search. */
export interface LeafReplay {
  readonly closed: ProofLeaf | null;
  readonly open: Open[];
  /** Closed by the node bound (a region kept without multipliers). */
  readonly byNodeBound?: true;
}

export interface LeafContextOptions {
  readonly p: ExactProgram;
  /** Kept column → this program's column (−1: gone), kept row → this program's row (−1: gone). */
  readonly colMap: readonly number[];
  readonly rowMap: readonly number[];
  /** Per kept row, a multiplier here is y·num/den (truncated), or y itself where `same`. */
  readonly num: readonly bigint[];
  readonly den: readonly bigint[];
  readonly same: readonly boolean[];
  /** A region closes when its bound is below this (unscaled). */
  readonly target: bigint;
  /** The leaf search's re-check at the replay's target (ProvenOptions `leafRecheck`), if given. */
  readonly recheck: ((lo: Uint8Array, up: Uint8Array, part: LeafPart) => LeafPart | null) | null;
  /** The search's node bound on this program (ProvenOptions `nodeBound`; null once the search's deadline or stop has
   *  come), if given: a region a node bound closed (kept without multipliers) is closed here by it again. */
  readonly nodeBound?: ((lo: Uint8Array, up: Uint8Array) => bigint | null) | null;
  /** Decide regions from the float bound where it is far enough from the target (default true; false: every region
   *  summed exactly, as before the float bound, for tests). */
  readonly floats?: boolean;
}

export interface LeafContext extends LeafContextOptions {
  readonly lo: Uint8Array;
  /** Scratch: the columns a region fixes here (a region fixes each column once: one entry per column suffices). */
  readonly fixed: Int32Array;
  readonly up: Uint8Array;
  /** The exact scratch (sparseBound), made at the first region the float bound cannot decide. */
  exact: SparseBoundScratch | null;
  readonly floatScratch: SparseBoundFloatScratch;
  /** target ×2^dualBits as a double, and a bound on its distance to the exact value. */
  readonly threshold: number;
  readonly thresholdError: number;
}

export function leafContext(o: LeafContextOptions): LeafContext {
  const n = o.p.objective.length;
  const threshold = Number(o.target) * 2 ** dualBits;
  return {
    ...o,
    lo: new Uint8Array(n),
    up: new Uint8Array(n),
    fixed: new Int32Array(n),
    exact: null,
    floatScratch: sparseBoundFloatScratch(o.p.objective, dualBits, o.p.rows.length),
    threshold,
    thresholdError: Math.abs(threshold) * 2 ** -52,
  };
}

/**
 * One kept region on the new program: its fixings and multipliers carried over, its bound recomputed here and
 * compared with the target. The bound is first summed in doubles with a proven error bound (sparseBoundFloat); only
 * a region whose float bound is too close to its target to call is summed exactly. Same decisions either way.
 */
export function replayLeaf(c: LeafContext, leaf: ProofLeaf): LeafReplay {
  const { p, lo, up } = c;
  lo.fill(0);
  up.fill(1);
  const { fix, fixed } = carriedFixings(c, leaf);
  // closed by a leaf search: closed here by its part re-checked (or the search again), with no multipliers to carry
  const again = leaf.part && c.recheck ? c.recheck(lo, up, leaf.part) : null;
  if (again) return { closed: { fix, rows: new Int32Array(0), y: [], farkas: false, part: again }, open: [] };
  // closed by a node bound: closed here by the node bound again, as the search would at the box's first node, without
  // a node of the search (at 2,000 × 100 every replay of γ*'s proof met 200–500 of them, about a node each)
  if (leaf.rows.length === 0 && !leaf.part && !leaf.farkas && !leaf.flips && c.nodeBound) {
    const nb = c.nodeBound(lo, up);
    if (nb !== null && nb < c.target) return { closed: { fix, rows: leaf.rows, y: leaf.y, farkas: false }, open: [], byNodeBound: true };
  }
  const { rows, y } = carriedMultipliers(c, leaf);
  const carried = { fix, rows, y, farkas: leaf.farkas };
  if (c.floats !== false) {
    const fast = sparseBoundFloat(p.rows, rows, y, leaf.farkas, c.floatScratch, lo, up, fixed) ? decidedInFloats(c, leaf, carried) : null;
    sparseBoundFloatReset(c.floatScratch);
    if (fast) return fast;
  }
  const exact = (c.exact ??= sparseBoundScratch(p.objective.map((x) => x << BigInt(dualBits))));
  const r = decidedExactly(c, leaf, carried, sparseBound(p.rows, rows, y, leaf.farkas, exact, lo, up, fixed));
  sparseBoundReset(exact, leaf.farkas);
  return r;
}

/**
 * The region's fixings on this program, set in the context's lo/up, packed (`fix`, the kept array itself when every
 * column kept its index: no copy) and as columns (`fixed`, in the context's scratch). Typed arrays sized once: a region
 * of a mainnet-size proof fixes about 400 columns, and growing JS arrays for them was a large part of a replay's
 * garbage.
 */
function carriedFixings(c: LeafContext, leaf: ProofLeaf): { fix: Int32Array; fixed: Int32Array } {
  const { lo, up } = c;
  const buffer = leaf.fix.length <= c.fixed.length ? c.fixed : new Int32Array(leaf.fix.length);
  let m = 0;
  let same = true;
  for (let t = 0; t < leaf.fix.length; t++) {
    const f = leaf.fix[t]!;
    const j = c.colMap[f >> 1]!;
    same &&= j === f >> 1;
    if (j < 0) continue;
    lo[j] = up[j] = f & 1;
    buffer[m++] = j;
  }
  const fixed = buffer.subarray(0, m);
  if (same) return { fix: leaf.fix, fixed };
  const fix = new Int32Array(m);
  for (let t = 0; t < m; t++) fix[t] = fixed[t]! * 2 + lo[fixed[t]!]!;
  return { fix, fixed };
}

/**
 * The region's multipliers on this program's rows: y·num/den (truncated toward zero: the multiplier only needs to be
 * some number, the bound is exact for any), or y itself where the row's and the objective's scales did not change.
 * Where every row kept its index, the kept row array itself, and the kept multipliers too where no scale changed (most
 * regions after a command that adds no denominator): a replay no longer copies them for every closed region.
 */
function carriedMultipliers(c: LeafContext, leaf: ProofLeaf): { rows: Int32Array; y: readonly bigint[] } {
  const n = leaf.rows.length;
  let mapped = true;
  let scaled = false;
  for (let k = 0; k < n && mapped; k++) {
    const old = leaf.rows[k]!;
    mapped = c.rowMap[old] === old && leaf.y[k] !== 0n;
    scaled ||= !c.same[old];
  }
  if (mapped && !scaled) return { rows: leaf.rows, y: leaf.y };
  const y: bigint[] = [];
  const rows: number[] = [];
  for (let k = 0; k < n; k++) {
    const old = leaf.rows[k]!;
    const i = c.rowMap[old]!;
    if (i < 0) continue;
    const v = c.same[old] ? leaf.y[k]! : (leaf.y[k]! * c.num[old]!) / c.den[old]!;
    if (v === 0n) continue;
    rows.push(i);
    y.push(v);
  }
  return { rows: mapped && rows.length === n ? leaf.rows : Int32Array.from(rows), y };
}

/** A bound's verdict against the target: closes (true), not (false), or too close to call (null; floats only),
 *  with the bound (×2^dualBits) an open box is searched in order of: exact, or the float one (made a bigint only for a
 *  box that opens: most verdicts close, and their bounds are never read). */
interface Verdict {
  readonly closes: boolean | null;
  readonly bound: bigint | number;
}

/** A verdict's bound as an open box's (search order only). */
function openBound(v: Verdict): bigint {
  return typeof v.bound === 'bigint' ? v.bound : BigInt(Math.floor(v.bound));
}

/**
 * The region's decisions from the verdicts on its whole box and on each reduced-cost region box + {j = v}; null when
 * one is too close to call. A region whose column is fixed or gone here is the whole box.
 */
function decided(
  c: LeafContext,
  leaf: ProofLeaf,
  carried: ProofLeaf,
  whole: () => Verdict,
  flip: (j: number, v: number) => Verdict,
): LeafReplay | null {
  const { lo, up } = c;
  const box = (): LeafReplay | null => {
    const w = whole();
    return w.closes === null
      ? null
      : w.closes
        ? { closed: carried, open: [] }
        : { closed: null, open: [{ fix: carried.fix, extra: -1, bound: openBound(w) }] };
  };
  if (!leaf.flips) return box();
  const kept: number[] = [];
  const open: Open[] = [];
  let failed = 0;
  const flips = leaf.flips;
  for (let t = 0; t < flips.length; t++) {
    const g = flips[t]!;
    const j = c.colMap[g >> 1]!;
    const v = g & 1;
    if (j >= 0 && lo[j] === up[j] && lo[j] !== v) continue; // empty here
    if (!(j >= 0 && lo[j] !== up[j])) return box();
    const f = flip(j, v);
    if (f.closes === null) return null;
    if (f.closes) kept.push(j * 2 + v);
    else if (++failed > flipsOpenMax) return { closed: null, open: [{ fix: carried.fix, extra: -1, bound: openBound(whole()) }] };
    else open.push({ fix: carried.fix, extra: j * 2 + v, bound: openBound(f) });
  }
  return { closed: kept.length > 0 ? { ...carried, flips: Int32Array.from(kept) } : null, open };
}

/** replayLeaf's decisions from the exact bound `b` of the region (residuals in the exact scratch). */
function decidedExactly(c: LeafContext, leaf: ProofLeaf, carried: ProofLeaf, b: bigint): LeafReplay {
  const residual = sparseResidual(c.exact!, leaf.farkas);
  const verdict = (bound: bigint): Verdict => ({ closes: leaf.farkas ? bound < 0n : floorUnscaled(bound) < c.target, bound });
  // box + {j = v}: the box's bound with column j's best side replaced by v
  const flip = (j: number, v: number): Verdict => {
    const rj = residual[j]!;
    return verdict(b - (rj > 0n ? rj : 0n) + (v === 1 ? rj : 0n));
  };
  return decided(c, leaf, carried, () => verdict(b), flip)!;
}

/**
 * replayLeaf's decisions from the float bound of the last sparseBoundFloat call (box and residuals in the float
 * scratch), each taken only where the float value is farther from the target than its proven error; null when one
 * is too close to call (the caller then sums exactly). The open boxes' bounds (search order only) are the float ones.
 */
function decidedInFloats(c: LeafContext, leaf: ProofLeaf, carried: ProofLeaf): LeafReplay | null {
  const s = c.floatScratch;
  const [limit, limitError] = leaf.farkas ? [0, 0] : [c.threshold, c.thresholdError];
  // below the limit (closes), at or above it, or within the error (with this comparison's own roundings)
  const verdict = (bound: number, error: number): Verdict => {
    const margin = error + limitError + 2 ** -50 * (Math.abs(bound) + Math.abs(limit));
    const closes = bound + margin < limit ? true : bound - margin >= limit ? false : null;
    return { closes, bound };
  };
  const flip = (j: number, v: number): Verdict => {
    // a column no multiplier touched has its default residual (the objective, or 0 for a Farkas ray)
    const touched = s.mark[j] === s.call;
    const rj = touched ? s.residual[j]! : leaf.farkas ? 0 : s.objective[j]!;
    const mj = touched ? s.magnitude[j]! : Math.abs(rj);
    // the residual enters twice (its positive part out, its value in), and two more roundings
    const error = s.error + 3 * mj * s.columnError + 4 * 2 ** -53 * (Math.abs(s.bound) + 2 * Math.abs(rj));
    return verdict(s.bound - (rj > 0 ? rj : 0) + (v === 1 ? rj : 0), error);
  };
  return decided(c, leaf, carried, () => verdict(s.bound, s.error), flip);
}
