import type { ExactRow } from './exactProgram.js';

/** Free non-indicator columns above which a node is not examined. */
export const leafFreeColumnsMax = 40;
/** Depth-first steps per node at most: beyond it the node is left to the LP (null). */
export const leafStepsMax = 4000;

/** An indicator column y with its one row Σ_j a_j x_j − need·y ≥ 0 (a_j ≥ 0): y = 1 only when the x's reach need. */
interface Indicator {
  readonly y: number;
  readonly need: bigint;
  readonly cols: readonly number[];
  readonly coefs: readonly bigint[];
}

export interface LeafData {
  readonly indicators: readonly Indicator[];
  /** Per column: the indicator it is (−1: none). */
  readonly indicatorOf: Int32Array;
  /** Per column: the indicators whose row holds it, and its coefficient there. */
  readonly rowsOf: readonly (readonly { readonly i: number; readonly a: bigint }[])[];
}

/**
 * The data of `leafBound` from a program's indicator rows, each given with its indicator column (e.g. the attack
 * program's cover rows: Σ w_e·(b_v + p_e) − need_s·y_s ≥ 0, need_s ≥ 0). Every other column must have a coefficient
 * ≥ 0 there; a column may be the indicator of one row only.
 */
export function leafBoundData(columns: number, rows: readonly { readonly y: number; readonly row: ExactRow }[]): LeafData {
  const indicatorOf = new Int32Array(columns).fill(-1);
  const rowsOf: { i: number; a: bigint }[][] = Array.from({ length: columns }, () => []);
  const indicators = rows.map(({ y, row }, i): Indicator => {
    const k = row.cols.indexOf(y);
    // a service with no stake has need 0 (its coefficient may be dropped): its row always holds
    const need = k < 0 ? 0n : -row.coefs[k]!;
    if (need < 0n || row.lower !== 0n || row.upper !== null) throw new Error('leafBoundData: not an indicator row');
    indicatorOf[y] = i;
    const cols: number[] = [];
    const coefs: bigint[] = [];
    row.cols.forEach((j, t) => {
      if (j === y) return;
      if (row.coefs[t]! < 0n) throw new Error('leafBoundData: negative coefficient in an indicator row');
      cols.push(j);
      coefs.push(row.coefs[t]!);
      rowsOf[j]!.push({ i, a: row.coefs[t]! });
    });
    return { y, need, cols, coefs };
  });
  return { indicators, indicatorOf, rowsOf };
}

/** What `leafBound` found: a proven upper bound (target − 1: no point reaches the target), or a point that reaches it. */
export type LeafAnswer = { readonly kind: 'bound'; readonly bound: bigint } | { readonly kind: 'point'; readonly x: Uint8Array };

/**
 * Decides whether some 0/1 point of the box [lo, up] meeting the indicator rows reaches `target`, exactly (bigint):
 * no (the bound target − 1, proven, also when no point meets the rows), yes (such a point, indicators
 * at 1 where their row is met), or null when it cannot tell within `leafStepsMax` steps or the box has too many free
 * columns. Every other row of the program is dropped (a relaxation: the bound holds for the program, and a point
 * is only a candidate for the caller to value). Outside the indicators the free columns are set depth-first; a
 * branch is cut once even every indicator row still within reach, met, would not reach the target. Where the LP
 * relaxation fills a threshold with fractions of small allocations that cost what they cover (every completion has
 * the same LP value, so branching does not lower it), this sees the integer overshoot.
 */
export function leafBound(d: LeafData, objective: readonly bigint[], lo: Uint8Array, up: Uint8Array, target: bigint): LeafAnswer | null {
  const free: number[] = [];
  let fixed = 0n;
  for (let j = 0; j < lo.length; j++) {
    if (d.indicatorOf[j]! >= 0) continue;
    if (lo[j] !== up[j]) {
      free.push(j);
      if (free.length > leafFreeColumnsMax) return null;
    } else if (lo[j] === 1) fixed += objective[j]!;
  }
  const s = searchState(d, objective, lo, up, free, fixed);
  // no point of the box meets the rows: none reaches the target either
  if (s === null) return { kind: 'bound', bound: target - 1n };
  free.sort((a, b) => d.rowsOf[b]!.length - d.rowsOf[a]!.length);
  const outcome = reaches(s, free, 0, target);
  if (outcome === 'no') return { kind: 'bound', bound: target - 1n };
  return outcome === 'yes' && s.found ? { kind: 'point', x: s.found } : null;
}

interface SearchState {
  readonly d: LeafData;
  readonly objective: readonly bigint[];
  readonly lo: Uint8Array;
  readonly up: Uint8Array;
  /** Per indicator row: Σ coefficients of the columns at 1. */
  readonly cover: bigint[];
  /** Per indicator row: Σ coefficients of the undecided columns. */
  readonly reach: bigint[];
  /** The indicator rows holding a free column; the others' best value is in `settled`. */
  readonly open: readonly number[];
  /** Per indicator row: its free columns with their coefficients (empty for rows not open). */
  readonly freeIn: readonly (readonly { readonly j: number; readonly a: bigint }[])[];
  readonly settled: bigint;
  /** Objective of the columns at 1 (fixed or set) plus max(c, 0) of the undecided ones. */
  columns: bigint;
  /** 1 for a free column not yet set. */
  readonly undecided: Uint8Array;
  /** The columns at 1: fixed ones and those the search has set. */
  readonly x: Uint8Array;
  /** The point that reached the target (set where the search ends with 'yes'). */
  found: Uint8Array | null;
  steps: number;
}

function searchState(
  d: LeafData,
  objective: readonly bigint[],
  lo: Uint8Array,
  up: Uint8Array,
  free: readonly number[],
  fixed: bigint,
): SearchState | null {
  const cover = d.indicators.map((ind) => fixedCover(ind, lo));
  const reach = d.indicators.map(() => 0n);
  const undecided = new Uint8Array(lo.length);
  const freeIn: { j: number; a: bigint }[][] = d.indicators.map(() => []);
  let columns = fixed;
  for (const j of free) {
    undecided[j] = 1;
    for (const { i, a } of d.rowsOf[j]!) {
      reach[i] = reach[i]! + a;
      freeIn[i]!.push({ j, a });
    }
    if (objective[j]! > 0n) columns += objective[j]!;
  }
  const open: number[] = [];
  let settled = 0n;
  for (let i = 0; i < d.indicators.length; i++) {
    if (reach[i]! > 0n) {
      open.push(i);
      continue;
    }
    const v = settledValue(d.indicators[i]!, cover[i]!, objective, lo, up);
    if (v === null) return null;
    settled += v;
  }
  return { d, objective, lo, up, cover, reach, open, freeIn, settled, columns, undecided, x: Uint8Array.from(lo), found: null, steps: 0 };
}

/** An indicator's best objective once its row's cover is final, or null when it must be 1 and the row is not met. */
function settledValue(ind: Indicator, cover: bigint, objective: readonly bigint[], lo: Uint8Array, up: Uint8Array): bigint | null {
  const met = cover >= ind.need;
  const c = objective[ind.y]!;
  if (lo[ind.y] === 1) return met ? c : null;
  return up[ind.y] === 1 && met && c > 0n ? c : 0n;
}

/**
 * A proven upper bound on every completion of the search's current setting, or null when none meets the rows. Each
 * undecided column's cost c_j (−objective, when positive) is split evenly over the m_j indicator rows holding it, so
 * Σ over rows of their shares is at most the cost paid. A row still short of its need by D must take undecided
 * columns whose coefficients, each counted up to D, sum to at least D: its share of their cost is at least
 * D · min_j c_j / (m_j · min(a_j, D)). Its indicator's objective less that (rounded down: a smaller charge) or, when
 * the indicator may stay 0, nothing, whichever is larger, is an upper bound on what the row adds.
 */
function completionBound(s: SearchState): bigint | null {
  let total = s.columns + s.settled;
  for (const i of s.open) {
    const ind = s.d.indicators[i]!;
    const c = s.objective[ind.y]!;
    const must = s.lo[ind.y] === 1;
    const short = ind.need - s.cover[i]!;
    if (short > 0n && s.reach[i]! < short) {
      if (must) return null;
      continue;
    }
    const gain = must ? c : s.up[ind.y] === 1 && c > 0n ? c : 0n;
    const charge = short > 0n ? shareCharge(s, i, short) : 0n;
    total += must ? gain - charge : gain > charge ? gain - charge : 0n;
  }
  return total;
}

/** ⌊D · min over the row's undecided columns of c_j / (m_j · min(a_j, D))⌋ (c_j = max(−objective, 0)). */
function shareCharge(s: SearchState, i: number, short: bigint): bigint {
  let num = -1n;
  let den = 1n;
  for (const { j, a: coef } of s.freeIn[i]!) {
    if (!s.undecided[j]) continue;
    const cost = s.objective[j]! < 0n ? -s.objective[j]! : 0n;
    const a = coef < short ? coef : short;
    const m = BigInt(s.d.rowsOf[j]!.length);
    if (a === 0n) continue;
    if (num < 0n || cost * den < num * m * a) [num, den] = [cost, m * a];
  }
  return num <= 0n ? 0n : (short * num) / den;
}

/** Sets free column j to `value`, or takes that back (undo), keeping the row sums and `columns` exact. */
function decide(s: SearchState, j: number, value: 0 | 1, undo: boolean): void {
  const c = s.objective[j]!;
  const sign = undo ? -1n : 1n;
  s.x[j] = undo ? 0 : value;
  s.undecided[j] = undo ? 1 : 0;
  // an undecided column counted max(c, 0); set, it counts c·value
  s.columns += sign * ((value === 1 ? c : 0n) - (c > 0n ? c : 0n));
  for (const { i, a } of s.d.rowsOf[j]!) {
    s.reach[i] = s.reach[i]! - sign * a;
    if (value === 1) s.cover[i] = s.cover[i]! + sign * a;
  }
}

/** Whether some setting of free[k..] reaches the target: 'no' (proven), 'yes' (a point does), 'unknown' (budget). */
function reaches(s: SearchState, free: readonly number[], k: number, target: bigint): 'yes' | 'no' | 'unknown' {
  const bound = completionBound(s);
  if (bound === null || bound < target) return 'no';
  if (k === free.length) {
    // every column set: no row is short with columns left, so the bound is the point's value
    s.found = pointOf(s);
    return 'yes';
  }
  if (++s.steps > leafStepsMax) return 'unknown';
  const j = free[k]!;
  let unknown = false;
  for (const value of [1, 0] as const) {
    decide(s, j, value, false);
    const r = reaches(s, free, k + 1, target);
    decide(s, j, value, true);
    if (r === 'yes') return 'yes';
    if (r === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'no';
}

/** The point the search stands at (every column set): each free indicator at 1 where its row is met and it pays. */
function pointOf(s: SearchState): Uint8Array {
  const x = Uint8Array.from(s.x);
  for (const ind of s.d.indicators) {
    if (s.lo[ind.y] === 1 || s.up[ind.y] === 0) continue;
    x[ind.y] = s.objective[ind.y]! > 0n && s.cover[s.d.indicatorOf[ind.y]!]! >= ind.need ? 1 : 0;
  }
  return x;
}

/** Σ a_j over the row's columns fixed at 1 (free columns count 0 here). */
function fixedCover(ind: Indicator, lo: Uint8Array): bigint {
  let s = 0n;
  for (let t = 0; t < ind.cols.length; t++) if (lo[ind.cols[t]!] === 1) s += ind.coefs[t]!;
  return s;
}
