import type { CompiledModel } from '../montecarlo/model.js';
import type { Scenario } from '../scenario/scenario.js';
import { evaluateAllocation, type AllocationMetrics } from './evaluateAllocation.js';
import type { AllocationLine } from './optimizeScenario.js';
import { pairScenarios } from './pairScenarios.js';

/** A current allocation of the vault/LRT budget (numeraire). */
export interface CurrentAllocation {
  readonly operator: string;
  readonly service: string;
  readonly amount: number;
}

export interface AllocationMove {
  readonly operator: string;
  readonly service: string;
  readonly current: number;
  readonly recommended: number;
  /** recommended − current (positive: move stake there). */
  readonly delta: number;
}

export interface AllocationDiff {
  readonly budget: number;
  /** Pairs whose amount changes by more than 1e-9 of the budget, largest change first. */
  readonly moves: readonly AllocationMove[];
  /** Share of the budget that moves: Σ|delta| / (2·budget). */
  readonly movedShare: number;
  /** Fee yield, expected loss, VaR and CVaR of the current and recommended allocations on the same sampled scenarios. */
  readonly before: AllocationMetrics;
  readonly after: AllocationMetrics;
}

/**
 * What to move from the current allocation to the recommended one, and risk and yield before and after (SPEC §10
 * automated allocation). Both allocations are valued on the optimiser's in-sample scenarios (seed + 1) over the
 * union of their pairs, so the comparison is like for like.
 */
export function allocationDiff(
  sc: Scenario,
  m: CompiledModel,
  current: readonly CurrentAllocation[],
  recommended: readonly AllocationLine[],
): AllocationDiff {
  const budget = sc.optimize.budget;
  const opIdx = new Map(sc.network.operators.map((o, i) => [o.id, i] as const));
  const svcIdx = new Map(sc.network.services.map((s, i) => [s.id, i] as const));
  const pairs = new Map<string, { operator: string; service: string; current: number; recommended: number }>();
  const at = (operator: string, service: string) => {
    const k = `${operator}\u0000${service}`;
    let p = pairs.get(k);
    if (!p) pairs.set(k, (p = { operator, service, current: 0, recommended: 0 }));
    return p;
  };
  for (const c of current) if (opIdx.has(c.operator) && svcIdx.has(c.service)) at(c.operator, c.service).current += c.amount;
  for (const r of recommended) at(r.operator, r.service).recommended += r.amount;
  const list = [...pairs.values()];
  const op = list.map((p) => opIdx.get(p.operator)!);
  const svc = list.map((p) => svcIdx.get(p.service)!);
  const problem = {
    fee: svc.map((s) => sc.services[s]?.feeRate ?? 0),
    losses: pairScenarios(m, op, svc, sc.simulation.seed + 1, sc.optimize.scenarios),
    level: sc.optimize.level,
  };
  const share = (x: number): number => (budget > 0 ? x / budget : 0);
  const moves = list
    .map((p) => ({ ...p, delta: p.recommended - p.current }))
    .filter((p) => Math.abs(p.delta) > 1e-9 * budget)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.operator.localeCompare(b.operator) || a.service.localeCompare(b.service));
  return {
    budget,
    moves,
    movedShare: share(moves.reduce((a, p) => a + Math.abs(p.delta), 0) / 2),
    before: evaluateAllocation(
      problem,
      list.map((p) => share(p.current)),
    ),
    after: evaluateAllocation(
      problem,
      list.map((p) => share(p.recommended)),
    ),
  };
}
