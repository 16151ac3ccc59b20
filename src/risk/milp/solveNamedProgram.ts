import { loadHighs } from './loadHighs.js';
import type { BinaryProgram } from './lpModel.js';
import { programModel } from './programModel.js';

/** HiGHS model statuses (highs.constants.modelStatus): optimal, time limit reached, and the solution-limit status HiGHS
 *  reports for a reached node limit (mip_max_nodes, as in milp/exactMax). */
const OPTIMAL = 7;
const TIME_LIMIT = 13;
const NODE_LIMIT = 16;
/** Statuses of a solve that may carry a feasible point (any other: no answer). */
const withPoint = new Set([OPTIMAL, TIME_LIMIT, NODE_LIMIT]);
/** primal_solution_status of a feasible point. */
const FEASIBLE_POINT = 2;
/** Absolute MIP gap in program units (about 10⁻⁶ of the objective's scale, solverUnits): well under 1 ETH. */
const absGapUnits = 1e-6;

export interface NamedSolveOptions {
  /** Seconds HiGHS may take (Infinity: no limit). */
  readonly leftS: number;
  /** HiGHS branch-and-bound nodes allowed (a budget that gives the same answer on every machine). */
  readonly nodesMax?: number;
  /** A MIP start from the model's column indices by name and its column count (null: none). */
  readonly start?: ((col: ReadonlyMap<string, number>, n: number) => Float64Array | null) | null;
}

/**
 * HiGHS on a 0/1 program (passed as arrays, programModel: the model its LP reader would build from lpText), a search
 * step, never a proof: which columns are 1 in its answer and whether HiGHS called it optimal, or null when it has no
 * feasible point. Shared by the cheapest cover (cheapestCover) and R_ψ's set search (worstSetSearch); callers value
 * the answer exactly.
 */
export async function solveNamedProgram(
  program: BinaryProgram,
  o: NamedSolveOptions,
): Promise<{ readonly on: (name: string) => boolean; readonly optimal: boolean } | null> {
  const highs = await loadHighs();
  const { data, col } = programModel(highs, program);
  const model = highs.createModel(data);
  try {
    model.options.set({
      ...(Number.isFinite(o.leftS) ? { time_limit: Math.max(o.leftS, 0.01) } : {}),
      mip_rel_gap: 0,
      mip_abs_gap: absGapUnits,
      output_flag: false,
      random_seed: 0,
      ...(o.nodesMax !== undefined ? { mip_max_nodes: o.nodesMax } : {}),
    });
    const n = data.numCols;
    const x0 = o.start?.(col, n) ?? null;
    if (x0) model.setSolution({ colValue: x0 });
    model.run();
    const status = model.getModelStatus() as number;
    if (!withPoint.has(status) || Number(model.info.get('primal_solution_status')) !== FEASIBLE_POINT) return null;
    const x = model.getSolution().colValue;
    return { on: (name) => (x[col.get(name) ?? -1] ?? 0) > 0.5, optimal: status === OPTIMAL };
  } finally {
    model.dispose();
  }
}
