import { fail, ok, type Result } from '../../errors/result.js';
import { compileModel } from '../montecarlo/compileModel.js';
import type { CompiledModel } from '../montecarlo/model.js';
import type { Scenario } from '../scenario/scenario.js';
import type { AllocationProblem } from './allocationLp.js';
import { evaluateAllocation, type AllocationMetrics } from './evaluateAllocation.js';
import { pairScenarios } from './pairScenarios.js';
import { solveAllocation } from './solveAllocation.js';

export interface AllocationLine {
  readonly operator: string;
  readonly service: string;
  readonly weight: number;
  readonly amount: number;
}

export interface OptimizeReport {
  readonly settings: Scenario['optimize'];
  readonly candidates: number;
  readonly scenarios: number;
  /** The recommended allocation: maximise fee yield − λ·CVaR. */
  readonly allocation: readonly AllocationLine[];
  readonly optimized: { readonly inSample: AllocationMetrics; readonly outOfSample: AllocationMetrics };
  readonly equalWeights: { readonly inSample: AllocationMetrics; readonly outOfSample: AllocationMetrics };
  /** Minimum CVaR subject to at least the equal-weights fee yield (same caps). */
  readonly equalYieldMinRisk: { readonly inSample: AllocationMetrics; readonly outOfSample: AllocationMetrics } | null;
}

/**
 * Candidate pairs, diverse across services and operators: round robin over services, each adding
 * its next-largest allocation whose operator has fewer than ⌈max/40⌉ pairs so far.
 */
export function candidatePairs(m: CompiledModel, max: number): { op: number[]; svc: number[] } {
  const perOp = Math.max(2, Math.ceil(max / 40));
  const lists = Array.from({ length: m.nSvc }, (_, s) => {
    const ops: number[] = [];
    for (let k = m.svcEdgeStart[s]!; k < m.svcEdgeStart[s + 1]!; k++) ops.push(m.svcEdgeOp[k]!);
    const amt = (o: number) => {
      for (let e = m.opEdgeStart[o]!; e < m.opEdgeStart[o + 1]!; e++) if (m.edgeSvc[e] === s) return m.edgeAmt[e]!;
      return 0;
    };
    return ops.sort((a, b) => amt(b) - amt(a) || a - b);
  });
  const next = new Int32Array(m.nSvc);
  const used = new Int32Array(m.nOps);
  const op: number[] = [];
  const svc: number[] = [];
  for (let progress = true; progress && op.length < max;) {
    progress = false;
    for (let s = 0; s < m.nSvc && op.length < max; s++) {
      const l = lists[s]!;
      while (next[s]! < l.length && used[l[next[s]!]!]! >= perOp) next[s]!++;
      if (next[s]! >= l.length) continue;
      const o = l[next[s]!++]!;
      used[o]!++;
      op.push(o);
      svc.push(s);
      progress = true;
    }
  }
  return { op, svc };
}

/** Allocation optimiser for a vault/LRT budget (SPEC §6, docs/pricing.md). */
export async function optimizeScenario(scenario: Scenario, model?: CompiledModel): Promise<Result<OptimizeReport>> {
  const s = scenario.optimize;
  const m = model ?? compileModel(scenario);
  const { op, svc } = candidatePairs(m, s.candidates);
  if (op.length === 0) return fail('OPTIMIZE_INFEASIBLE', 'the network has no allocations to choose from');
  const seed = scenario.simulation.seed;
  const inSample = pairScenarios(m, op, svc, seed + 1, s.scenarios);
  const outSample = pairScenarios(m, op, svc, seed + 2, s.scenarios);
  const svcIdx = new Map(scenario.network.services.map((x, i) => [x.id, i]));
  const minServiceShare = new Map(Object.entries(s.minServiceStake).map(([id, v]) => [svcIdx.get(id) ?? -1, v / s.budget]));
  const problem: AllocationProblem = {
    pairOperator: op,
    pairService: svc,
    fee: svc.map((x) => scenario.services[x]?.feeRate ?? 0),
    losses: inSample,
    lambda: s.lambda,
    level: s.level,
    mode: s.mode,
    maxPerPair: s.maxPerPair,
    maxPerOperator: s.maxPerOperator,
    maxPerService: s.maxPerService,
    minServiceShare,
  };
  const solved = await solveAllocation(problem);
  if (!solved.ok) return solved;
  const eq = equalWeights(op, s.mode);
  const both = (x: readonly number[]) => ({
    inSample: evaluateAllocation(problem, x),
    outOfSample: evaluateAllocation({ ...problem, losses: outSample }, x),
  });
  const eqM = both(eq);
  const minRisk = await solveAllocation({ ...problem, riskOnly: true, minFeeYield: eqM.inSample.feeYield });
  return ok({
    settings: s,
    candidates: op.length,
    scenarios: s.scenarios,
    allocation: solved.value.weights
      .map((w, j) => ({
        operator: scenario.network.operators[op[j]!]?.id ?? '',
        service: scenario.network.services[svc[j]!]?.id ?? '',
        weight: w,
        amount: w * s.budget,
      }))
      .filter((l) => l.weight > 1e-9)
      .sort((a, b) => b.weight - a.weight),
    optimized: both(solved.value.weights),
    equalWeights: eqM,
    equalYieldMinRisk: minRisk.ok ? both(minRisk.value.weights) : null,
  });
}

/** Unique: 1/J on every pair. Elastic: 1/#operators delegated to each operator, restaked to all its pairs. */
export function equalWeights(op: readonly number[], mode: 'unique' | 'elastic'): number[] {
  if (mode === 'unique') return op.map(() => 1 / op.length);
  const nOps = new Set(op).size;
  return op.map(() => 1 / nOps);
}
