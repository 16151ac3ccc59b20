import { fail, ok, type Result } from '../../errors/result.js';
import { allocationLp, type AllocationProblem } from './allocationLp.js';
import { evaluateAllocation, type AllocationMetrics } from './evaluateAllocation.js';

export interface AllocationSolution extends AllocationMetrics {
  /** Weight of the budget on each candidate pair (x_j). */
  readonly weights: readonly number[];
  readonly objective: number;
}

type Highs = {
  solve(
    lp: string,
    options?: Record<string, unknown>,
  ): { Status: string; ObjectiveValue: number; Columns: Record<string, { Primal?: number }> };
};
let highsPromise: Promise<Highs> | undefined;

async function highs(): Promise<Highs> {
  highsPromise ??= import('highs').then(async (m) => (await (m.default as unknown as () => Promise<Highs>)()) as Highs);
  return highsPromise;
}

/** Solves the allocation LP with HiGHS and evaluates the result on the same scenarios. */
export async function solveAllocation(p: AllocationProblem): Promise<Result<AllocationSolution>> {
  const lp = allocationLp(p);
  let sol;
  try {
    sol = (await highs()).solve(lp, { presolve: 'on' });
  } catch (e) {
    return fail('OPTIMIZE_FAILED', String(e instanceof Error ? e.message : e).slice(0, 200));
  }
  if (sol.Status === 'Infeasible') return fail('OPTIMIZE_INFEASIBLE', 'check the concentration caps, security minimums and budget');
  if (sol.Status !== 'Optimal') return fail('OPTIMIZE_FAILED', `solver status ${sol.Status}`);
  const weights = p.fee.map((_, j) => Math.max(0, sol.Columns[`x${j}`]?.Primal ?? 0));
  return ok({ weights, objective: sol.ObjectiveValue, ...evaluateAllocation(p, weights) });
}
