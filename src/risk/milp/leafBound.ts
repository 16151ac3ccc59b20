import { compareBigint } from '../../math/compareBigint.js';
import { Rational } from '../../math/rational.js';
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
 * What a search that closed a box proved, in a form another program can re-check without searching (leafRecheck): the
 * box's open part (its free columns, with their objective values and indicator coefficients, and the indicator rows
 * holding them, with their needs, covers from the fixed columns, indicators' values and bounds) written out exactly,
 * and rest / scale, a proven upper bound on the open part's value at every point of the box (what the box's fixed
 * columns and settled rows add comes on top). Objective values are written as fractions of the program's objective
 * scale (integer objective = scale × the rational one, which a command can change, e.g. a new stake's denominator).
 * The open part's value depends on nothing else, so a box of another program whose open part reads the same has the
 * same bound on it, in rational units. `extra`: columns free in the box that the part was checked with at each of their
 * values (the box then stands for every setting of them; a command's new column is free in every kept box).
 */
export interface LeafPart {
  readonly digest: string;
  readonly rest: bigint;
  readonly scale: bigint;
  readonly extra: readonly number[];
}

/** How the columns of a kept proof's program and of this one correspond (milp/replayProof). */
export interface ColumnMap {
  /** Per column here: its index in the kept program, −1 when new. */
  readonly toOld: Int32Array;
  /** Per column of the kept program: its index here, −1 when gone. */
  readonly toNew: readonly number[];
  /** The new columns. */
  readonly fresh: readonly number[];
}

/** Columns a part may be re-checked over at each of their values (2^extraMax settings); beyond, the box is searched. */
const extraMax = 3;

/** What `leafBound` found: a proven upper bound (target − 1: no point reaches the target), with the search's `part`
 *  when asked for, or a point that reaches it. */
export type LeafAnswer =
  { readonly kind: 'bound'; readonly bound: bigint; readonly part?: LeafPart } | { readonly kind: 'point'; readonly x: Uint8Array };

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
export function leafBound(
  d: LeafData,
  objective: readonly bigint[],
  lo: Uint8Array,
  up: Uint8Array,
  target: bigint,
  certifyScale: bigint | null = null,
): LeafAnswer | null {
  const box = boxState(d, objective, lo, up);
  return box === null ? null : searched(box, target, certifyScale);
}

/** leafBound on a box's state (its search state is used up). */
function searched(box: BoxState, target: bigint, certifyScale: bigint | null): LeafAnswer | null {
  const s = box.s;
  // no point of the box meets the rows: none reaches the target either
  if (s === null) return { kind: 'bound', bound: target - 1n };
  const free = [...box.free].sort((a, b) => s.d.rowsOf[b]!.length - s.d.rowsOf[a]!.length);
  const outcome = reaches(s, free, 0, target);
  if (outcome === 'no') {
    // every point is below the target: its open part is below the target less what the rest of the box adds
    const part =
      certifyScale !== null
        ? { digest: partDigest(s, box.free, null, certifyScale)!, rest: target - 1n - box.base, scale: certifyScale, extra: [] }
        : null;
    return { kind: 'bound', bound: target - 1n, ...(part ? { part } : {}) };
  }
  return outcome === 'yes' && s.found ? { kind: 'point', x: s.found } : null;
}

/**
 * A box of this program (objective scale `objScale`) that a search closed on another program (`part`), closed here:
 * without a search when, at every setting of the part's extra columns and this program's new ones, the box's open
 * part reads the same (its digest with each column named by the other program's index) and what the rest of the box
 * adds, plus the part's bound in this program's units, is below the target; else, with `search`, by leafBound's search
 * of the box here. Its part on this program (indices, scale, extra columns), for the next re-check; null when neither
 * closes it.
 */
export function leafRecheck(
  d: LeafData,
  objective: readonly bigint[],
  objScale: bigint,
  box: { readonly lo: Uint8Array; readonly up: Uint8Array; readonly target: bigint; readonly search: boolean },
  part: LeafPart,
  map: ColumnMap,
): LeafPart | null {
  const { lo, up } = box;
  const extra = [...part.extra.map((k) => map.toNew[k] ?? -1), ...map.fresh].filter((j) => j >= 0 && lo[j] !== up[j]);
  // every setting reads the part's digest in the kept program's indices, so the same one in this program's: it is
  // written out once, at the first setting
  let digest: string | null = null;
  let closes = extra.length <= extraMax;
  for (let side = 0; closes && side < 1 << extra.length; side++) {
    extra.forEach((j, k) => (lo[j] = up[j] = (side >> k) & 1));
    const b = sideCloses(d, objective, objScale, box, part, map.toOld);
    closes = b !== null;
    if (b && side === 0) digest = partDigest(b.s!, b.free, null, objScale);
  }
  for (const j of extra) [lo[j], up[j]] = [0, 1];
  if (closes && digest !== null) return { digest, rest: part.rest, scale: part.scale, extra };
  const b = box.search ? boxState(d, objective, lo, up) : null;
  const r = b ? searched(b, box.target, objScale) : null;
  return r?.kind === 'bound' && r.bound < box.target && r.part ? r.part : null;
}

/** One setting of the box (its extra columns fixed): its state when the part closes it (reads the same, and fits below
 *  the target); else null. */
function sideCloses(
  d: LeafData,
  objective: readonly bigint[],
  objScale: bigint,
  box: { readonly lo: Uint8Array; readonly up: Uint8Array; readonly target: bigint },
  part: LeafPart,
  toOld: Int32Array,
): BoxState | null {
  const b = boxState(d, objective, box.lo, box.up);
  if (b === null || b.s === null) return null;
  // every point: value ≤ base + rest·objScale/part.scale ≤ target − 1 (integers; no division)
  if (part.rest * objScale > (box.target - 1n - b.base) * part.scale) return null;
  return partDigest(b.s, b.free, toOld, objScale) === part.digest ? b : null;
}

interface BoxState {
  readonly free: readonly number[];
  readonly base: bigint;
  readonly s: SearchState | null;
}

function boxState(d: LeafData, objective: readonly bigint[], lo: Uint8Array, up: Uint8Array): BoxState | null {
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
  return { free, base: fixed + (s?.settled ?? 0n), s };
}

/**
 * The open part of the box exactly (LeafPart's digest): each free column with its objective value and its indicator
 * rows' coefficients, then each open row's indicator with its need, cover, value and bounds, every column written as
 * its index or, with `toOld`, the other program's (null when one is missing there), in ascending order of what is
 * written so that both programs list the same part alike.
 */
function partDigest(s: SearchState, free: readonly number[], toOld: Int32Array | null, objScale: bigint): string | null {
  const name = (j: number): number => (toOld ? toOld[j]! : j);
  const { d } = s;
  // v / objScale in lowest terms ("num/den"): the same value on programs of other objective scales
  const value = (j: number): string => Rational.of(s.objective[j]!, objScale).toString();
  const cols: [number, string][] = [];
  for (const j of free) {
    if (name(j) < 0) return null;
    const rows: [number, string][] = d.rowsOf[j]!.map(({ i, a }) => [name(d.indicators[i]!.y), `${name(d.indicators[i]!.y)}*${a}`]);
    if (rows.some(([k]) => k < 0)) return null;
    rows.sort((x, y) => x[0] - y[0]);
    cols.push([name(j), `${name(j)}=${value(j)}:${rows.map((r) => r[1]).join(',')}`]);
  }
  const open: [number, string][] = [];
  for (const i of s.open) {
    const ind = d.indicators[i]!;
    const y = name(ind.y);
    if (y < 0) return null;
    open.push([y, `${y}|${ind.need}|${s.cover[i]}|${value(ind.y)}|${s.lo[ind.y]}${s.up[ind.y]}`]);
  }
  cols.sort((x, y) => x[0] - y[0]);
  open.sort((x, y) => x[0] - y[0]);
  return `${cols.map((c) => c[1]).join(';')}/${open.map((o) => o[1]).join(';')}`;
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
  /** Per open row: its free columns ranked for shareCharge, at its first use there. */
  readonly ranked: (Ranked | undefined)[];
  /** The open rows' terms of completionBound, from its first call on (null before). */
  rows: RowTerms | null;
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
  /** What `decide` overwrote, for `undecide`: the bigints, and the numbers (dead flags, dead counts, and per setting
   *  whether the rows' terms were saved). */
  readonly trail: bigint[];
  readonly flags: number[];
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
  const ranked: (Ranked | undefined)[] = d.indicators.map(() => undefined);
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
  const x = Uint8Array.from(lo);
  return {
    d,
    objective,
    lo,
    up,
    cover,
    reach,
    open,
    freeIn,
    ranked,
    rows: null,
    settled,
    columns,
    undecided,
    x,
    found: null,
    steps: 0,
    trail: [],
    flags: [],
  };
}

/** A free column of an open row as shareCharge reads it: its coefficient a, cost c = max(−objective, 0) and the number m
 *  of indicator rows holding it. */
interface RankedColumn {
  readonly j: number;
  readonly a: bigint;
  readonly c: bigint;
  readonly m: bigint;
  /** m·a and ⌊c/m⌋, made once: shareCharge reads them at every step of the search. */
  readonly ma: bigint;
  readonly cm: bigint;
}

/** An open row's free columns (coefficient > 0) by c/(m·a) and by c/m, each ascending (exact). */
interface Ranked {
  readonly byShare: readonly RankedColumn[];
  readonly byCost: readonly RankedColumn[];
}

function rank(d: LeafData, objective: readonly bigint[], columns: readonly { readonly j: number; readonly a: bigint }[]): Ranked {
  const all: RankedColumn[] = [];
  for (const { j, a } of columns) {
    if (a === 0n) continue;
    const m = BigInt(d.rowsOf[j]!.length);
    const c = objective[j]! < 0n ? -objective[j]! : 0n;
    all.push({ j, a, c, m, ma: m * a, cm: c / m });
  }
  // x.c / (x.m·x.a) < y.c / (y.m·y.a) ⇔ x.c·y.m·y.a < y.c·x.m·x.a (all ≥ 0, denominators > 0)
  const byShare = [...all].sort((x, y) => compareBigint(x.c * y.ma, y.c * x.ma));
  const byCost = [...all].sort((x, y) => compareBigint(x.c * y.m, y.c * x.m));
  return { byShare, byCost };
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
  if (s.rows === null) {
    // first use: every open row's term; then `decide` keeps them (a setting changes only its column's rows)
    const rows: RowTerms = { term: s.d.indicators.map(() => 0n), dead: new Uint8Array(s.d.indicators.length), sum: 0n, deadRows: 0 };
    s.rows = rows;
    for (const i of s.open) setRowTerm(s, rows, i);
  }
  return s.rows.deadRows > 0 ? null : s.columns + s.settled + s.rows.sum;
}

/** Per open row, what it adds to completionBound (`term`), or `dead` when its indicator must be 1 and the undecided
 *  columns cannot meet its need; their sum over the live rows and the number of dead ones. */
interface RowTerms {
  readonly term: bigint[];
  readonly dead: Uint8Array;
  sum: bigint;
  deadRows: number;
}

/** Row i's term of completionBound at the search's setting, replacing its previous one in the sums. */
function setRowTerm(s: SearchState, rows: RowTerms, i: number): void {
  rows.sum -= rows.term[i]!;
  rows.deadRows -= rows.dead[i]!;
  const t = rowTerm(s, i);
  rows.term[i] = t ?? 0n;
  rows.dead[i] = t === null ? 1 : 0;
  rows.sum += rows.term[i]!;
  rows.deadRows += rows.dead[i]!;
}

/** What open row i adds (see completionBound), or null when its indicator must be 1 and its need is out of reach. */
function rowTerm(s: SearchState, i: number): bigint | null {
  const ind = s.d.indicators[i]!;
  const c = s.objective[ind.y]!;
  const must = s.lo[ind.y] === 1;
  const short = ind.need - s.cover[i]!;
  if (short > 0n && s.reach[i]! < short) return must ? null : 0n;
  const gain = must ? c : s.up[ind.y] === 1 && c > 0n ? c : 0n;
  const charge = short > 0n ? shareCharge(s, i, short) : 0n;
  return must ? gain - charge : gain > charge ? gain - charge : 0n;
}

/**
 * ⌊D · min over the row's undecided columns of c_j / (m_j · min(a_j, D))⌋ (c_j = max(−objective, 0); D = short > 0):
 * the least of ⌊D·c_j / (m_j·a_j)⌋ over columns with a_j ≤ D and of ⌊c_j / m_j⌋ over those with a_j > D (the floor is
 * monotone), each the first undecided column of its side in the row's ranking (`rank`), where a scan of every column
 * with bigint products was most of the leaf search's time.
 */
function shareCharge(s: SearchState, i: number, short: bigint): bigint {
  const r = (s.ranked[i] ??= rank(s.d, s.objective, s.freeIn[i]!));
  let charge: bigint | null = null;
  const { byShare, byCost } = r;
  for (let t = 0; t < byShare.length; t++) {
    const e = byShare[t]!;
    if (s.undecided[e.j] && e.a <= short) {
      charge = (short * e.c) / e.ma;
      break;
    }
  }
  for (let t = 0; t < byCost.length; t++) {
    const e = byCost[t]!;
    if (s.undecided[e.j] && e.a > short) {
      if (charge === null || e.cm < charge) charge = e.cm;
      break;
    }
  }
  return charge ?? 0n;
}

/**
 * Sets free column j to `value`, keeping the row sums and `columns` exact. What it overwrites goes on the search's
 * trails, and `undecide` puts it back: the search sets and takes back in stack order, so taking back needs no
 * arithmetic. Recomputing the rows' terms on the way back (as before) was half of the leaf search's row work and of
 * its bigint garbage (2,000 × 100 seed 2, a warm analysis after an allocation: the leaf search 0.55–0.9 of 2.5–3.2
 * CPU-s, twenty-ninth pass).
 */
function decide(s: SearchState, j: number, value: 0 | 1): void {
  const c = s.objective[j]!;
  const { trail, flags } = s;
  const rowsOf = s.d.rowsOf[j]!;
  trail.push(s.columns);
  s.x[j] = value;
  s.undecided[j] = 0;
  // an undecided column counted max(c, 0); set, it counts c·value
  s.columns += (value === 1 ? c : 0n) - (c > 0n ? c : 0n);
  for (let t = 0; t < rowsOf.length; t++) {
    const { i, a } = rowsOf[t]!;
    trail.push(s.reach[i]!, s.cover[i]!);
    s.reach[i] = s.reach[i]! - a;
    if (value === 1) s.cover[i] = s.cover[i]! + a;
  }
  // only column j's rows change their term (their cover, reach and undecided columns)
  const rows = s.rows;
  if (rows) {
    trail.push(rows.sum);
    flags.push(rows.deadRows);
    for (let t = 0; t < rowsOf.length; t++) {
      const i = rowsOf[t]!.i;
      trail.push(rows.term[i]!);
      flags.push(rows.dead[i]!);
      setRowTerm(s, rows, i);
    }
  }
  // last on the trail, so first off it: whether the rows' terms were saved
  flags.push(rows ? 1 : 0);
}

/** Takes back the last `decide`, of column j, from the trails. */
function undecide(s: SearchState, j: number): void {
  const { trail, flags } = s;
  const rowsOf = s.d.rowsOf[j]!;
  const rows = s.rows;
  // saved only where the rows' terms existed, and they are never dropped once made
  const saved = flags.pop() === 1;
  if (saved && rows) {
    for (let t = rowsOf.length - 1; t >= 0; t--) {
      const i = rowsOf[t]!.i;
      rows.dead[i] = flags.pop()!;
      rows.term[i] = trail.pop()!;
    }
    rows.deadRows = flags.pop()!;
    rows.sum = trail.pop()!;
  }
  for (let t = rowsOf.length - 1; t >= 0; t--) {
    const i = rowsOf[t]!.i;
    s.cover[i] = trail.pop()!;
    s.reach[i] = trail.pop()!;
  }
  s.columns = trail.pop()!;
  s.x[j] = 0;
  s.undecided[j] = 1;
  // the rows' terms were first computed below this setting (completionBound's first call): computed here afresh
  if (!saved && rows) for (let t = 0; t < rowsOf.length; t++) setRowTerm(s, rows, rowsOf[t]!.i);
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
  decide(s, j, 1);
  const one = reaches(s, free, k + 1, target);
  undecide(s, j);
  if (one === 'yes') return 'yes';
  decide(s, j, 0);
  const zero = reaches(s, free, k + 1, target);
  undecide(s, j);
  if (zero === 'yes') return 'yes';
  return one === 'unknown' || zero === 'unknown' ? 'unknown' : 'no';
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
