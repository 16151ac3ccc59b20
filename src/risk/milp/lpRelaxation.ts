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

/** A simplex basis: HiGHS's status per column and per row (0 at lower, 1 basic, 2 at upper, 3 zero, 4 nonbasic). */
export interface LpBasis {
  readonly cols: Int32Array;
  readonly rows: Int32Array;
}

/** HiGHS's status code of a basic column or row. */
export const basicStatus = 1;

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
  /** Sets the columns' bounds (0/1 each) and solves. */
  solve(lo: Uint8Array, up: Uint8Array): LpAnswer;
  /** The basis of the last solve (null: no solve yet), e.g. kept with a proof to start the next program's first solve. */
  basis(): LpBasis | null;
  dispose(): void;
}

const OPTIMAL = 7;
const INFEASIBLE = 8;

const sc = (x: bigint, e: number): number => Number(x) * 2 ** -e;

/** The row's scale: the power of two of its largest coefficient (at least 0). */
const rowExponent = (r: ExactRow): number => Math.max(0, ...r.coefs.map(bigExponent));

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

/**
 * `start`: a basis to begin the first solve from (one of a related program, milp/replayProof), instead of the logical
 * one; used only when it has the program's shape and as many basic entries as rows (added rows' slacks basic), and
 * HiGHS accepts it. It steers the simplex only: every bound is proven exactly from the duals it ends with.
 */
export async function lpRelaxation(p: ExactProgram, start: LpBasis | null = null): Promise<LpRelaxation> {
  const highs: Highs = await loadHighs();
  const n = p.objective.length;
  // each row's power of two (bigExponent of every coefficient) is computed with the model: see `built`
  let rowExp: number[] | null = null;
  let objective: readonly bigint[] = p.objective;
  let objExp = Math.max(0, ...objective.map(bigExponent));
  // the HiGHS model is built at the first solve: a tree closed before any LP (every region by its kept proof's replay,
  // milp/replayProof, or the root by a node bound) never needs it. The 200 × 30 bench chain's warm γ* and R_ψ trees
  // closed at the root by the cover bound on every command, and the models and row scales were about an eighth of
  // each warm analysis
  let model: HighsModel | null = null;
  let solved = false;
  const added: ExactRow[] = [];
  const curLo = new Uint8Array(n);
  const curUp = new Uint8Array(n).fill(1);
  const exps = (): number[] => (rowExp ??= [...p.rows, ...added].map(rowExponent));
  const built = (): HighsModel => {
    if (!model) {
      model = initialModel(highs, { ...p, objective, rows: [...p.rows, ...added] }, exps(), objExp);
      if (start) startFrom(model, start, n, p.rows.length + added.length);
    }
    return model;
  };
  return {
    get rowExp() {
      return exps();
    },
    get objExp() {
      return objExp;
    },
    setObjective(next) {
      objective = next;
      objExp = Math.max(0, ...next.map(bigExponent));
      model?.changeColsCost(
        { kind: 'range', from: 0, to: n - 1 },
        next.map((c) => sc(c, objExp)),
      );
    },
    addRows(rows) {
      for (const r of rows) {
        if (!model) {
          // kept with the program's rows until the model is built (their scales with the others')
          if (rowExp) rowExp.push(rowExponent(r));
          added.push(r);
          continue;
        }
        const e = rowExponent(r);
        exps().push(e);
        model.addRow(r.lower === null ? -highs.infinity : sc(r.lower, e), r.upper === null ? highs.infinity : sc(r.upper, e), {
          indices: Int32Array.from(r.cols),
          values: Float64Array.from(r.coefs, (c) => sc(c, e)),
        });
      }
    },
    solve(lo, up) {
      const m = built();
      const changed: number[] = [];
      for (let j = 0; j < n; j++) if (lo[j] !== curLo[j] || up[j] !== curUp[j]) changed.push(j);
      if (changed.length > 0) {
        m.changeColsBounds(
          { kind: 'set', indices: changed },
          changed.map((j) => lo[j]!),
          changed.map((j) => up[j]!),
        );
        for (const j of changed) [curLo[j], curUp[j]] = [lo[j]!, up[j]!];
      }
      m.run();
      solved = true;
      const status = m.getModelStatus() as number;
      if (status === INFEASIBLE) return { kind: 'infeasible', ray: m.getDualRay()?.values ?? null };
      if (status !== OPTIMAL) return { kind: 'failed' };
      const sol = m.getSolution();
      return { kind: 'optimal', x: sol.colValue, rowDual: sol.rowDual };
    },
    basis() {
      if (!model || !solved) return null;
      try {
        // HiGHS hands back copies (a detached snapshot): kept as they are
        const b = model.getBasis();
        return { cols: b.colStatus, rows: b.rowStatus };
      } catch {
        return null;
      }
    },
    dispose() {
      model?.dispose();
      model = null;
    },
  };
}

/** Installs `start` (rows beyond it, added before the first solve, with their slacks basic) when it fits; else the
 *  model keeps its logical basis. */
function startFrom(model: HighsModel, start: LpBasis, cols: number, rows: number): void {
  if (start.cols.length !== cols || start.rows.length > rows) return;
  const rowStatus = new Int32Array(rows).fill(basicStatus);
  rowStatus.set(start.rows);
  let basic = 0;
  for (const x of start.cols) if (x === basicStatus) basic++;
  for (const x of rowStatus) if (x === basicStatus) basic++;
  if (basic !== rows) return;
  try {
    if (model.setBasis({ colStatus: start.cols, rowStatus }).status < 0) model.setLogicalBasis();
  } catch {
    model.setLogicalBasis();
  }
}
