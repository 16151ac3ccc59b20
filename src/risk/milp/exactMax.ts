import { assert } from '../../errors/result.js';
import type { Rational } from '../../math/rational.js';
import { loadHighs } from './loadHighs.js';
import type { BinaryProgram } from './lpModel.js';
import { programModel } from './programModel.js';

/** A candidate decoded from a solver answer and valued exactly. */
export interface ExactCandidate<T> {
  readonly value: Rational;
  readonly payload: T;
}

export interface ExactMaxOptions {
  /** Float value of an exact objective value in the program's units. */
  readonly toUnits: (r: Rational) => number;
  /** Exact objective values lie on this grid (program units), or null when the grid is too fine. */
  readonly stepUnits: number | null;
  /** Float tolerance in program units. */
  readonly tolUnits: number;
  readonly timeLimitS: number;
  /** Branch-and-bound nodes allowed per solver run: a budget that, unlike time, gives the same answer on
   *  every run and machine (HiGHS is deterministic for fixed options). Omitted: unlimited. */
  readonly nodesMax?: number;
  /** Re-solves allowed (no-good cuts) before giving up certification. */
  readonly roundsMax: number;
  /** Only answers with objective ≥ this (units) are sought; infeasible then certifies that none exists. */
  readonly initialFloorUnits?: number;
  /** Stop at this relative MIP gap and return the first valid answer (not certified): for search steps. */
  readonly relGap?: number;
}

export interface ExactMaxResult<T> {
  readonly best: ExactCandidate<T> | null;
  /** True when no feasible answer has a larger exact value (up to the solver's own correctness). */
  readonly certified: boolean;
  /** The solver's upper bound on the optimum, in program units (Infinity when unknown). */
  readonly upperBoundUnits: number;
  readonly rounds: number;
  /** True when a time or node budget ran out before the answer was certified. */
  readonly timedOut: boolean;
}

const OPTIMAL = 7;
const INFEASIBLE = 8;
const TIME_LIMIT = 13;
/** HiGHS reports a reached node limit (mip_max_nodes) as its solution-limit status. */
const NODE_LIMIT = 16;

/**
 * Maximises a 0/1 program with HiGHS and certifies the answer exactly: each incumbent is decoded and
 * valued in rationals by `decode` (null = not a valid answer exactly). When exact values lie on a grid
 * of `stepUnits`, a solver bound below best + step proves optimality; otherwise (or when the incumbent
 * fails its exact check) the incumbent is cut off (no-good cut) and the program re-solved with a floor
 * on the objective, until the window is empty (certified) or `roundsMax` is reached.
 */
export async function exactMax<T>(
  program: BinaryProgram,
  decode: (value: (name: string) => number) => ExactCandidate<T> | null,
  o: ExactMaxOptions,
): Promise<ExactMaxResult<T>> {
  assert(o.nodesMax === undefined || (Number.isSafeInteger(o.nodesMax) && o.nodesMax >= 1), 'nodesMax is a positive integer');
  assert(!(o.timeLimitS <= 0) && !Number.isNaN(o.timeLimitS), 'timeLimitS is positive (or Infinity)');
  // the time limit counts writing and loading the program too (seconds on 10,000 × 1,000 networks)
  const started = Date.now();
  const highs = await loadHighs();
  // arrays, not LP text: the same model (programModel), without the reader's round trip
  const { data, col: cols } = programModel(highs, program);
  const model = highs.createModel(data);
  let best: ExactCandidate<T> | null = null;
  let upper = Number.POSITIVE_INFINITY;
  try {
    const { col, n, objIdx, objVal } = prepareModel(model, program, cols, o);
    let floorRow = o.initialFloorUnits !== undefined ? addFloorRow(model, objIdx, objVal, o.initialFloorUnits) : -1;
    for (let round = 1; round <= o.roundsMax; round++) {
      const left = o.timeLimitS - (Date.now() - started) / 1000;
      if (left <= 0) return { best, certified: false, upperBoundUnits: upper, rounds: round - 1, timedOut: true };
      if (Number.isFinite(left)) model.options.set({ time_limit: left });
      model.run();
      const raw = model.getModelStatus() as number;
      const status = raw === NODE_LIMIT ? TIME_LIMIT : raw; // both: budget spent, incumbent and bound valid
      if (status === INFEASIBLE)
        return { best, certified: true, upperBoundUnits: best ? o.toUnits(best.value) : upper, rounds: round, timedOut: false };
      if (status !== OPTIMAL && status !== TIME_LIMIT)
        return { best, certified: false, upperBoundUnits: upper, rounds: round, timedOut: false };
      const bound = Number(model.info.get('mip_dual_bound'));
      const x = model.getSolution().colValue;
      const hasX = x.length === n && Number.isFinite(model.getObjectiveValue());
      if (round === 1 || status === OPTIMAL) upper = Math.min(upper, Number.isFinite(bound) ? bound : upper);
      const cand = hasX ? decode((name) => x[col.get(name) ?? -1] ?? 0) : null;
      if (cand && (best === null || cand.value.gt(best.value))) best = cand;
      if (status === TIME_LIMIT) return { best, certified: false, upperBoundUnits: upper, rounds: round, timedOut: true };
      if (o.relGap !== undefined && best) return { best, certified: false, upperBoundUnits: upper, rounds: round, timedOut: false };
      const bestU = best ? o.toUnits(best.value) : Number.NEGATIVE_INFINITY;
      if (o.stepUnits !== null && best && bound < bestU + o.stepUnits - o.tolUnits) {
        return { best, certified: true, upperBoundUnits: Math.max(bestU, bound), rounds: round, timedOut: false };
      }
      if (!hasX) return { best, certified: false, upperBoundUnits: upper, rounds: round, timedOut: false };
      addNoGood(
        model,
        program.binaries.map((b) => col.get(b)!),
        x,
      );
      const floor =
        best === null
          ? (o.initialFloorUnits ?? Number.NEGATIVE_INFINITY)
          : o.stepUnits !== null
            ? bestU + o.stepUnits - o.tolUnits
            : bestU - o.tolUnits;
      if (Number.isFinite(floor)) {
        if (floorRow < 0) floorRow = addFloorRow(model, objIdx, objVal, floor);
        else model.changeRowBounds(floorRow, floor, Number.POSITIVE_INFINITY);
      }
    }
    return { best, certified: false, upperBoundUnits: upper, rounds: o.roundsMax, timedOut: false };
  } finally {
    model.dispose();
  }
}

type HighsModel = ReturnType<Awaited<ReturnType<typeof loadHighs>>['createModel']>;

/** Column indices by name, the objective's columns and the solver options (gap from the exact grid, budgets). */
function prepareModel(
  model: HighsModel,
  program: BinaryProgram,
  col: ReadonlyMap<string, number>,
  o: ExactMaxOptions,
): { col: ReadonlyMap<string, number>; n: number; objIdx: number[]; objVal: number[] } {
  const n = model.getDimensions().numCols;
  // on a grid of `stepUnits` any bound below best + step proves optimality: a gap just under half a step suffices
  const absGap = o.stepUnits !== null ? Math.max(o.tolUnits, 0.45 * o.stepUnits - o.tolUnits) : o.tolUnits / 2;
  model.options.set({
    output_flag: false,
    mip_rel_gap: o.relGap ?? 0,
    mip_abs_gap: absGap,
    mip_feasibility_tolerance: 1e-9,
    random_seed: 0,
    ...(o.nodesMax !== undefined ? { mip_max_nodes: o.nodesMax } : {}),
  });
  return { col, n, objIdx: program.objective.map((t) => col.get(t.name)!), objVal: program.objective.map((t) => t.coef) };
}

/** Adds the row objective ≥ floor and returns its index. */
function addFloorRow(model: HighsModel, objIdx: number[], objVal: number[], floor: number): number {
  model.addRow(floor, Number.POSITIVE_INFINITY, { indices: objIdx, values: objVal });
  return model.getDimensions().numRows - 1;
}

function addNoGood(model: HighsModel, binCols: readonly number[], x: Float64Array): void {
  // Σ_{x_i=0} z_i − Σ_{x_i=1} z_i ≥ 1 − |ones|
  const values = binCols.map((c) => ((x[c] ?? 0) > 0.5 ? -1 : 1));
  const ones = values.filter((v) => v < 0).length;
  model.addRow(1 - ones, Number.POSITIVE_INFINITY, { indices: binCols, values });
}
