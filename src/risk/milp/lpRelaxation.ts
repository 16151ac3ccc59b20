import type { ExactProgram, ExactRow } from './exactProgram.js';
import { loadHighs } from './loadHighs.js';
import { bigExponent } from './safeBound.js';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
type HighsModel = ReturnType<Highs['createModel']>;

/** One LP solve of the relaxation at a node. */
export type LpAnswer =
  | { readonly kind: 'optimal'; readonly x: Float64Array; readonly rowDual: Float64Array }
  | { readonly kind: 'infeasible'; readonly ray: Float64Array | null }
  | { readonly kind: 'failed' };

/** A simplex basis of the relaxation (HiGHS's status codes of the columns, then of the rows), one byte each. */
export type LpBasis = Uint8Array;

/**
 * The float copy of an exact 0/1 program's LP relaxation in HiGHS, kept across nodes: a node only changes
 * column bounds, so the dual simplex restarts from the previous basis. Each row (and the objective) is
 * scaled by a power of two to about 1, which `rowExp`/`objExp` record for turning duals back.
 */
export interface LpRelaxation {
  readonly rowExp: readonly number[];
  readonly objExp: number;
  /** Replaces the objective (the basis stays: a warm start for the next solve). */
  setObjective(objective: readonly bigint[]): void;
  /** Appends rows valid for every 0/1 point (cuts; each scaled like the others, `rowExp` grows with them): the basis
   *  stays, so the next solve restarts from it. */
  addRows(rows: readonly ExactRow[]): void;
  /** Sets the columns' bounds (0/1 each) and solves: from `from` when given (a basis of `basis()` taken with as many
   *  rows), else from the last solve's basis. */
  solve(lo: Uint8Array, up: Uint8Array, from?: LpBasis | null): LpAnswer;
  /** The basis of the last solve (for a later solve of a nearby box); null when the model changed since (rows added,
   *  a new objective) or the solve failed. */
  basis(): LpBasis | null;
  /** Solves so far (a basis taken after the last one is the model's current basis). */
  readonly solves: number;
  dispose(): void;
}

const OPTIMAL = 7;
const INFEASIBLE = 8;

const sc = (x: bigint, e: number): number => Number(x) * 2 ** -e;

/** The HiGHS model of the program's rows and objective, each scaled by its power of two. */
function initialModel(highs: Highs, p: ExactProgram, rowExp: readonly number[], objExp: number): HighsModel {
  const n = p.objective.length;
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const [i, r] of p.rows.entries()) {
    for (let k = 0; k < r.cols.length; k++) {
      indices.push(r.cols[k]!);
      values.push(sc(r.coefs[k]!, rowExp[i]!));
    }
    starts.push(indices.length);
  }
  const model: HighsModel = highs.createModel({
    numCols: n,
    numRows: p.rows.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: p.objective.map((c) => sc(c, objExp)),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower: p.rows.map((r, i) => (r.lower === null ? -highs.infinity : sc(r.lower, rowExp[i]!))),
    rowUpper: p.rows.map((r, i) => (r.upper === null ? highs.infinity : sc(r.upper, rowExp[i]!))),
    matrix: { format: 'csr', numRows: p.rows.length, numCols: n, starts, indices, values },
  });
  model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', random_seed: 0 });
  return model;
}

export async function lpRelaxation(p: ExactProgram): Promise<LpRelaxation> {
  const highs: Highs = await loadHighs();
  const n = p.objective.length;
  const rowExp = p.rows.map((r) => Math.max(0, ...r.coefs.map(bigExponent)));
  let objExp = Math.max(0, ...p.objective.map(bigExponent));
  const model = initialModel(highs, p, rowExp, objExp);
  const curLo = new Uint8Array(n);
  const curUp = new Uint8Array(n).fill(1);
  let solves = 0;
  // the last run ended optimal and nothing changed since: HiGHS has a basis to copy
  let fresh = false;
  return {
    get solves() {
      return solves;
    },
    rowExp,
    get objExp() {
      return objExp;
    },
    setObjective(objective) {
      fresh = false;
      objExp = Math.max(0, ...objective.map(bigExponent));
      model.changeColsCost(
        { kind: 'range', from: 0, to: n - 1 },
        objective.map((c) => sc(c, objExp)),
      );
    },
    addRows(rows) {
      fresh = false;
      for (const r of rows) {
        const e = Math.max(0, ...r.coefs.map(bigExponent));
        rowExp.push(e);
        model.addRow(r.lower === null ? -highs.infinity : sc(r.lower, e), r.upper === null ? highs.infinity : sc(r.upper, e), {
          indices: Int32Array.from(r.cols),
          values: Float64Array.from(r.coefs, (c) => sc(c, e)),
        });
      }
    },
    solve(lo, up, from) {
      if (from && from.length === n + rowExp.length) {
        model.setBasis({ colStatus: Int32Array.from(from.subarray(0, n)), rowStatus: Int32Array.from(from.subarray(n)) });
      }
      const changed: number[] = [];
      for (let j = 0; j < n; j++) if (lo[j] !== curLo[j] || up[j] !== curUp[j]) changed.push(j);
      if (changed.length > 0) {
        model.changeColsBounds(
          { kind: 'set', indices: changed },
          changed.map((j) => lo[j]!),
          changed.map((j) => up[j]!),
        );
        for (const j of changed) [curLo[j], curUp[j]] = [lo[j]!, up[j]!];
      }
      model.run();
      solves++;
      const status = model.getModelStatus() as number;
      fresh = status === OPTIMAL;
      if (status === INFEASIBLE) return { kind: 'infeasible', ray: model.getDualRay()?.values ?? null };
      if (status !== OPTIMAL) return { kind: 'failed' };
      const sol = model.getSolution();
      return { kind: 'optimal', x: sol.colValue, rowDual: sol.rowDual };
    },
    basis() {
      if (!fresh) return null;
      const b = model.getBasis();
      const out = new Uint8Array(b.colStatus.length + b.rowStatus.length);
      out.set(b.colStatus);
      out.set(b.rowStatus, b.colStatus.length);
      return out;
    },
    dispose() {
      model.dispose();
    },
  };
}
