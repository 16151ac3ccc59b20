import type { ExactProgram, ExactRow } from './exactProgram.js';
import { heldRows, type FloatRows, type HeldRows } from './heldRows.js';
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
 * scaled by a power of two to about 1, which `rowExp`/`objExp` record for turning duals back. From `lazyRowsMin` rows
 * on, the model holds only the rows some LP point violated (see `lazyRowsMin`); duals, rays and bases are still
 * per program row (0, or basic, for a row not held).
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

/**
 * From this many rows on, the HiGHS model starts without rows and holds only those an LP point has violated: a solve
 * adds the rows its point violates and solves again (from the same basis) until none is. At 2,000 × 100 a γ* tree's
 * nodes had non-zero duals on 66 of the program's 2,674 rows on average, 283 over 1,247 solves, and every row held
 * costs the dual simplex at every iteration: the recorded node LPs of seed 3's tree took 2.75–2.98 ms each this way
 * against 4.41–4.74 with every row (the 626 solves ended holding 423 rows). Below it a program is small enough that
 * the separation rounds would cost more than they save.
 */
export const lazyRowsMin = 1_000;

/** The row count from which a model holds its rows lazily: `lazyRowsMin`; the tests lower it to run small programs, whose
 *  answers they can check by brute force, on lazy rows too. */
export const lazyRows = { rowsMin: lazyRowsMin };

/** Separation rounds of one solve at most: then its answer on the rows held (a relaxation, whose bound is valid). */
const lazyRoundsMax = 64;

/** The HiGHS model of the objective and the held rows (`rows`, in the model's order). */
function initialModel(highs: Highs, objective: readonly bigint[], objExp: number, rows: FloatRows): HighsModel {
  const n = objective.length;
  const m = rows.lower.length;
  const model: HighsModel = highs.createModel({
    numCols: n,
    numRows: m,
    sense: highs.constants.objectiveSense.maximize,
    colCost: objective.map((c) => sc(c, objExp)),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower: rows.lower,
    rowUpper: rows.upper,
    matrix: { format: 'csr', numRows: m, numCols: n, starts: rows.starts, indices: rows.indices, values: rows.values },
  });
  model.options.set({ output_flag: false, presolve: 'off', solver: 'simplex', random_seed: 0 });
  return model;
}

/** Adds held rows to a built model (their slacks basic: the basis stays valid). */
function addHeld(model: HighsModel, n: number, rows: FloatRows): void {
  const m = rows.lower.length;
  if (m === 0) return;
  model.addRows({
    lower: rows.lower,
    upper: rows.upper,
    matrix: { format: 'csr', numRows: m, numCols: n, starts: rows.starts, indices: rows.indices, values: rows.values },
  });
}

/**
 * `start`: a basis to begin the first solve from (one of a related program, milp/replayProof), instead of the logical
 * one; used only when it has the program's shape and as many basic entries as rows (added rows' slacks basic), and
 * HiGHS accepts it. It steers the simplex only: every bound is proven exactly from the duals it ends with. With lazy
 * rows, the model starts with the rows the start basis has non-basic.
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
  let rows: HeldRows | null = null;
  let solved = false;
  const added: ExactRow[] = [];
  const curLo = new Uint8Array(n);
  const curUp = new Uint8Array(n).fill(1);
  const exps = (): number[] => (rowExp ??= [...p.rows, ...added].map(rowExponent));
  const built = (): { model: HighsModel; rows: HeldRows } => {
    if (!model || !rows) {
      rows = heldRows(highs);
      rows.push([...p.rows, ...added], exps());
      const lazy = rows.count() >= lazyRows.rowsMin;
      const startRows = start ? fullRows(start, n, rows.count()) : null;
      const first = rows.count() === 0 ? [] : initialRows(rows.count(), p.rows.length, lazy, startRows);
      model = initialModel(highs, objective, objExp, rows.hold(first));
      if (start && startRows) startFrom(model, start.cols, startRows, rows.held());
    }
    return { model, rows };
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
    addRows(cuts) {
      if (!model || !rows) {
        // kept with the program's rows until the model is built (their scales with the others')
        for (const r of cuts) {
          if (rowExp) rowExp.push(rowExponent(r));
          added.push(r);
        }
        return;
      }
      // cut rows (violated by the point that asked for them) are held at once
      const e = cuts.map(rowExponent);
      exps().push(...e);
      const from = rows.count();
      rows.push(cuts, e);
      addHeld(model, n, rows.hold(cuts.map((_, k) => from + k)));
    },
    solve(lo, up) {
      const b = built();
      const changed: number[] = [];
      for (let j = 0; j < n; j++) if (lo[j] !== curLo[j] || up[j] !== curUp[j]) changed.push(j);
      if (changed.length > 0) {
        b.model.changeColsBounds(
          { kind: 'set', indices: changed },
          changed.map((j) => lo[j]!),
          changed.map((j) => up[j]!),
        );
        for (const j of changed) [curLo[j], curUp[j]] = [lo[j]!, up[j]!];
      }
      solved = true;
      return solveHeld(b.model, b.rows, n);
    },
    basis() {
      if (!model || !rows || !solved) return null;
      try {
        // HiGHS hands back copies (a detached snapshot); rows not held are basic (their slacks)
        const b = model.getBasis();
        const full = new Int32Array(rows.count()).fill(basicStatus);
        const held = rows.held();
        for (let k = 0; k < held.length; k++) full[held[k]!] = b.rowStatus[k]!;
        return { cols: b.colStatus, rows: full };
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

/** Solves on the held rows, adding the rows the point violates and solving again (at most `lazyRoundsMax` rounds). */
function solveHeld(model: HighsModel, rows: HeldRows, n: number): LpAnswer {
  for (let round = 0; ; round++) {
    model.run();
    const status = model.getModelStatus() as number;
    if (status === INFEASIBLE) {
      // infeasible on the rows held: so on all of them (the ray's multipliers of the rows not held are 0)
      const ray = model.getDualRay()?.values;
      return { kind: 'infeasible', ray: ray ? rows.spread(ray) : null };
    }
    if (status !== OPTIMAL) return { kind: 'failed' };
    const sol = model.getSolution();
    const more = round < lazyRoundsMax && rows.held().length < rows.count() ? rows.violated(sol.colValue) : [];
    if (more.length === 0) return { kind: 'optimal', x: sol.colValue, rowDual: rows.spread(sol.rowDual) };
    addHeld(model, n, rows.hold(more));
  }
}

/** The rows the model starts with: all (not lazy); else the start basis's non-basic rows; else none. */
function initialRows(count: number, programRows: number, lazy: boolean, startRows: Int32Array | null): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (!lazy) return all;
  // rows beyond the program's (cuts added before the first solve) were violated by some point: held as before
  return all.filter((i) => i >= programRows || (startRows !== null && startRows[i] !== basicStatus));
}

/** A start basis's row statuses over every program row (rows beyond it basic), or null when it does not fit. */
function fullRows(start: LpBasis, cols: number, rows: number): Int32Array | null {
  if (start.cols.length !== cols || start.rows.length > rows) return null;
  const full = new Int32Array(rows).fill(basicStatus);
  full.set(start.rows);
  let basic = 0;
  for (const x of start.cols) if (x === basicStatus) basic++;
  for (const x of full) if (x === basicStatus) basic++;
  return basic === rows ? full : null;
}

/** Installs the start basis on the held rows (the rows left out are basic, so the counts still match); else the model
 *  keeps its logical basis. */
function startFrom(model: HighsModel, cols: Int32Array, full: Int32Array, held: readonly number[]): void {
  const rowStatus = Int32Array.from(held, (i) => full[i]!);
  try {
    if (model.setBasis({ colStatus: cols, rowStatus }).status < 0) model.setLogicalBasis();
  } catch {
    model.setLogicalBasis();
  }
}
