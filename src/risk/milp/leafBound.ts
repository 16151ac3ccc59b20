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

/**
 * Proves that no 0/1 point of the box [lo, up] meeting the indicator rows reaches `target`, exactly (bigint), and
 * then returns target − 1 (a proven upper bound); null when it cannot tell within `leafStepsMax` steps (a point
 * reaching the target, or too many free columns). Every other row of the program is dropped (a relaxation: still
 * an upper bound). Outside the indicators, the free columns are set depth-first; a branch is cut once even every
 * indicator row still within reach, met, would not reach the target. Where the LP relaxation fills a threshold with
 * fractions of small allocations that cost what they cover (every completion has the same LP value, so branching
 * does not lower it), this sees the integer overshoot.
 */
export function leafBound(d: LeafData, objective: readonly bigint[], lo: Uint8Array, up: Uint8Array, target: bigint): bigint | null {
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
  if (s === null) return infeasibleBound;
  free.sort((a, b) => d.rowsOf[b]!.length - d.rowsOf[a]!.length);
  const outcome = reaches(s, free, 0, target);
  return outcome === 'no' ? target - 1n : null;
}

/** What `leafBound` returns for a box holding no point that meets the indicator rows: below every target. */
export const infeasibleBound = -(1n << 512n);

interface SearchState {
  readonly d: LeafData;
  readonly objective: readonly bigint[];
  readonly lo: Uint8Array;
  readonly up: Uint8Array;
  readonly cover: bigint[];
  /** Σ coefficients of the undecided columns, per indicator row. */
  readonly reach: bigint[];
  /** Objective of the columns set to 1 and of the indicators as they stand, optimistic for the undecided. */
  optimistic: bigint;
  /** Indicators fixed at 1 whose row can no longer be met. */
  lost: number;
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
  let optimistic = fixed;
  for (const j of free) {
    for (const { i, a } of d.rowsOf[j]!) reach[i] = reach[i]! + a;
    if (objective[j]! > 0n) optimistic += objective[j]!;
  }
  const s: SearchState = { d, objective, lo, up, cover, reach, optimistic, lost: 0, steps: 0 };
  for (let i = 0; i < d.indicators.length; i++) {
    const v = indicatorBest(s, i);
    if (v === null) return null;
    s.optimistic += v;
  }
  return s;
}

/** Indicator i's best objective if every undecided column of its row were set to 1; null: it must be 1 and cannot. */
function indicatorBest(s: SearchState, i: number): bigint | null {
  const ind = s.d.indicators[i]!;
  const met = s.cover[i]! + s.reach[i]! >= ind.need;
  const c = s.objective[ind.y]!;
  if (s.lo[ind.y] === 1) return met ? c : null;
  return s.up[ind.y] === 1 && met && c > 0n ? c : 0n;
}

/** Decides column j (value 1, 0) or undoes that decision (undo), keeping `optimistic` and `lost` exact. */
function decide(s: SearchState, j: number, value: 0 | 1, undo: boolean): void {
  const c = s.objective[j]!;
  const sign = undo ? -1n : 1n;
  // an undecided column counted max(c, 0); decided, it counts c·value
  s.optimistic += sign * ((value === 1 ? c : 0n) - (c > 0n ? c : 0n));
  for (const { i, a } of s.d.rowsOf[j]!) {
    const before = indicatorBest(s, i);
    s.reach[i] = s.reach[i]! - sign * a;
    if (value === 1) s.cover[i] = s.cover[i]! + sign * a;
    const after = indicatorBest(s, i);
    s.optimistic += (after ?? 0n) - (before ?? 0n);
    s.lost += (after === null ? 1 : 0) - (before === null ? 1 : 0);
  }
}

/** Whether some setting of free[k..] reaches the target: 'no' (proven), 'yes' (a point does), 'unknown' (budget). */
function reaches(s: SearchState, free: readonly number[], k: number, target: bigint): 'yes' | 'no' | 'unknown' {
  if (s.lost > 0 || s.optimistic < target) return 'no';
  if (k === free.length) return 'yes';
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

/** Σ a_j over the row's columns fixed at 1 (free columns count 0 here). */
function fixedCover(ind: Indicator, lo: Uint8Array): bigint {
  let s = 0n;
  for (let t = 0; t < ind.cols.length; t++) if (lo[ind.cols[t]!] === 1) s += ind.coefs[t]!;
  return s;
}
