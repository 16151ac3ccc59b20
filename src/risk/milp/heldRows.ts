import type { ExactRow } from './exactProgram.js';

/** HiGHS's infinity (what a missing side becomes in the float copy). */
export interface Infinite {
  readonly infinity: number;
}

/** Feasibility tolerance of a row the model does not hold, on the row scaled to a largest coefficient in [1, 2): HiGHS's
 *  primal feasibility tolerance. A violation under it stays unseen, and the LP is then a relaxation of the program: its
 *  duals still give an exact bound (every bound is proven on the exact rows; a row not held has multiplier 0). */
const violationTol = 1e-7;

/** The float rows of a model, in compressed sparse row form with their sides. */
export interface FloatRows {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * The float copy of a program's rows (each scaled by its power of two) and which of them the HiGHS model holds, in the
 * model's order. The rows are numbered as the program's (with the cut rows appended after them); the model's rows are
 * a subset, so what HiGHS returns per model row is spread back over the program's rows here. The columns the model
 * holds are the caller's (`colAt`); this gives a held row on them, a column on the held rows, and the columns to price
 * in.
 */
export interface HeldRows {
  /** Program rows so far. */
  count(): number;
  /** Model row k is program row held()[k]. */
  held(): readonly number[];
  isHeld(i: number): boolean;
  /** Appends program rows with their powers of two (not held). */
  push(rows: readonly ExactRow[], exps: readonly number[]): void;
  /** Marks program rows held (the caller adds them to the model in this order) and returns their float form; with
   *  `colAt` (program column → model column, −1 for a column the model does not hold) only on the held columns. */
  hold(rows: readonly number[], colAt?: Int32Array): FloatRows;
  /** Column j's entries on the held rows, as model row indices and values (for adding the column to the model). */
  column(j: number): { readonly rows: number[]; readonly values: number[] };
  /** The columns not held (`colAt` −1) with a non-zero entry on a row where `v` (over the model's rows) is non-zero,
   *  among those `free` allows. */
  touching(v: ArrayLike<number>, colAt: Int32Array, free: (j: number) => boolean): number[];
  /** The columns not held, among those `free` allows, whose reduced cost cost_j − Σ y·a_j over the held rows (`y` per
   *  model row) is above `tol`. */
  priced(y: ArrayLike<number>, cost: ArrayLike<number>, colAt: Int32Array, free: (j: number) => boolean, tol: number): number[];
  /** The program rows not held that the point violates by more than the tolerance. */
  violated(x: ArrayLike<number>): number[];
  /** A vector over the model's rows as one over the program's rows (0 for the rows not held). */
  spread(v: ArrayLike<number>): Float64Array;
}

/** x·2^-e as a float (the model's copy of an exact number: rounded to nearest by Number, then scaled exactly). */
export const sc = (x: bigint, e: number): number => Number(x) * 2 ** -e;

export function heldRows(highs: Infinite): HeldRows {
  const cols: Int32Array[] = [];
  const vals: Float64Array[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const order: number[] = [];
  let isHeld = new Uint8Array(0);
  // program row → model row (−1 not held)
  const rowAt: number[] = [];
  // the columns' entries (program rows, in push order, and float values) as compressed sparse columns, made from the
  // rows when first needed and again after a push. Why not kept per column as rows are pushed: a warm analysis builds
  // several models whose columns are never priced, and those per-column arrays were most of a model's build
  let flat: { count: number; start: Int32Array; row: Int32Array; value: Float64Array } | null = null;
  const csc = (): { count: number; start: Int32Array; row: Int32Array; value: Float64Array } => {
    if (flat) return flat;
    let count = 0;
    for (const c of cols) for (let t = 0; t < c.length; t++) count = Math.max(count, c[t]! + 1);
    const start = new Int32Array(count + 1);
    for (const c of cols) for (let t = 0; t < c.length; t++) start[c[t]! + 1]!++;
    for (let j = 0; j < count; j++) start[j + 1]! += start[j]!;
    const next = start.slice(0, count);
    const row = new Int32Array(start[count]!);
    const value = new Float64Array(start[count]!);
    for (let i = 0; i < cols.length; i++) {
      const [c, v] = [cols[i]!, vals[i]!];
      for (let t = 0; t < c.length; t++) {
        const at = next[c[t]!]!++;
        row[at] = i;
        value[at] = v[t]!;
      }
    }
    return (flat = { count, start, row, value });
  };
  const violates = (i: number, x: ArrayLike<number>): boolean => {
    const c = cols[i]!;
    const v = vals[i]!;
    let a = 0;
    for (let k = 0; k < c.length; k++) a += v[k]! * (x[c[k]!] ?? 0);
    return (
      a > upper[i]! + violationTol * Math.max(1, Math.abs(upper[i]!)) || a < lower[i]! - violationTol * Math.max(1, Math.abs(lower[i]!))
    );
  };
  return {
    count: () => cols.length,
    held: () => order,
    isHeld: (i) => isHeld[i] === 1,
    push(rows, exps) {
      flat = null;
      for (const [k, r] of rows.entries()) {
        const e = exps[k]!;
        cols.push(Int32Array.from(r.cols));
        vals.push(Float64Array.from(r.coefs, (c) => sc(c, e)));
        rowAt.push(-1);
        lower.push(r.lower === null ? -highs.infinity : sc(r.lower, e));
        upper.push(r.upper === null ? highs.infinity : sc(r.upper, e));
      }
      if (isHeld.length < cols.length) {
        const grown = new Uint8Array(Math.max(cols.length, 2 * isHeld.length));
        grown.set(isHeld);
        isHeld = grown;
      }
    },
    hold(rows, colAt) {
      let nnz = 0;
      for (const i of rows) nnz += cols[i]!.length;
      const out: FloatRows = {
        lower: new Float64Array(rows.length),
        upper: new Float64Array(rows.length),
        starts: new Int32Array(rows.length + 1),
        indices: new Int32Array(nnz),
        values: new Float64Array(nnz),
      };
      let at = 0;
      for (const [k, i] of rows.entries()) {
        if (isHeld[i] === 1) throw new Error(`assertion failed: row ${i} is already held`);
        isHeld[i] = 1;
        rowAt[i] = order.length;
        order.push(i);
        out.lower[k] = lower[i]!;
        out.upper[k] = upper[i]!;
        const c = cols[i]!;
        const v = vals[i]!;
        for (let t = 0; t < c.length; t++) {
          const m = colAt ? colAt[c[t]!]! : c[t]!;
          if (m < 0) continue;
          out.indices[at] = m;
          out.values[at++] = v[t]!;
        }
        out.starts[k + 1] = at;
      }
      return at === out.indices.length ? out : { ...out, indices: out.indices.slice(0, at), values: out.values.slice(0, at) };
    },
    column(j) {
      const out = { rows: [] as number[], values: [] as number[] };
      // no row held (a lazy model's start): nothing to read, and no need to build the columns
      if (order.length === 0) return out;
      const c = csc();
      if (j >= c.count) return out;
      for (let t = c.start[j]!; t < c.start[j + 1]!; t++) {
        const m = rowAt[c.row[t]!]!;
        if (m < 0) continue;
        out.rows.push(m);
        out.values.push(c.value[t]!);
      }
      return out;
    },
    touching(v, colAt, free) {
      const out = new Set<number>();
      for (let k = 0; k < order.length; k++) {
        if ((v[k] ?? 0) === 0) continue;
        for (const j of cols[order[k]!]!) if (colAt[j] === -1 && free(j)) out.add(j);
      }
      return [...out].sort((a, b) => a - b);
    },
    priced(y, cost, colAt, free, tol) {
      const c = csc();
      const full = new Float64Array(cols.length);
      for (let k = 0; k < order.length; k++) full[order[k]!] = y[k] ?? 0;
      const out: number[] = [];
      for (let j = 0; j < colAt.length; j++) {
        if (colAt[j] !== -1 || !free(j)) continue;
        let d = cost[j]!;
        if (j < c.count) for (let t = c.start[j]!; t < c.start[j + 1]!; t++) d -= full[c.row[t]!]! * c.value[t]!;
        if (d > tol) out.push(j);
      }
      return out;
    },
    violated(x) {
      const out: number[] = [];
      for (let i = 0; i < cols.length; i++) if (isHeld[i] !== 1 && violates(i, x)) out.push(i);
      return out;
    },
    spread(v) {
      const out = new Float64Array(cols.length);
      for (let k = 0; k < order.length; k++) out[order[k]!] = v[k] ?? 0;
      return out;
    },
  };
}
