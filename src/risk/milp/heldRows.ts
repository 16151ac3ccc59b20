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
 * a subset, so what HiGHS returns per model row is spread back over the program's rows here.
 */
export interface HeldRows {
  /** Program rows so far. */
  count(): number;
  /** Model row k is program row held()[k]. */
  held(): readonly number[];
  isHeld(i: number): boolean;
  /** Appends program rows with their powers of two (not held). */
  push(rows: readonly ExactRow[], exps: readonly number[]): void;
  /** Marks program rows held (the caller adds them to the model in this order) and returns their float form. */
  hold(rows: readonly number[]): FloatRows;
  /** The program rows not held that the point violates by more than the tolerance. */
  violated(x: ArrayLike<number>): number[];
  /** A vector over the model's rows as one over the program's rows (0 for the rows not held). */
  spread(v: ArrayLike<number>): Float64Array;
}

const sc = (x: bigint, e: number): number => Number(x) * 2 ** -e;

export function heldRows(highs: Infinite): HeldRows {
  const cols: Int32Array[] = [];
  const vals: Float64Array[] = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const order: number[] = [];
  let isHeld = new Uint8Array(0);
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
      for (const [k, r] of rows.entries()) {
        const e = exps[k]!;
        cols.push(Int32Array.from(r.cols));
        vals.push(Float64Array.from(r.coefs, (c) => sc(c, e)));
        lower.push(r.lower === null ? -highs.infinity : sc(r.lower, e));
        upper.push(r.upper === null ? highs.infinity : sc(r.upper, e));
      }
      if (isHeld.length < cols.length) {
        const grown = new Uint8Array(Math.max(cols.length, 2 * isHeld.length));
        grown.set(isHeld);
        isHeld = grown;
      }
    },
    hold(rows) {
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
        order.push(i);
        out.lower[k] = lower[i]!;
        out.upper[k] = upper[i]!;
        out.indices.set(cols[i]!, at);
        out.values.set(vals[i]!, at);
        at += cols[i]!.length;
        out.starts[k + 1] = at;
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
