import { StakemeshFailure } from '../errors/result.js';
import { analyzeNetwork } from '../risk/analyzeNetwork.js';
import { analyzeReportJson } from '../risk/analyzeReportJson.js';
import { computeExactMetrics } from '../risk/metrics/exactMetrics.js';
import { simulate } from '../risk/montecarlo/simulate.js';
import { optimizeScenario } from '../risk/optimize/optimizeScenario.js';
import { allocationDiff, type CurrentAllocation } from '../risk/optimize/allocationDiff.js';
import { compileModel } from '../risk/montecarlo/compileModel.js';
import { priceScenario } from '../risk/pricing/priceScenario.js';
import { scenarioBounds } from '../risk/scenario/scenarioBounds.js';
import { intParam, networkInput, scenarioInput } from './jobInputs.js';
import type { JobSpec } from './jobSpec.js';

/** Largest node budget a job may ask for (branch-and-bound nodes per solver run). */
export const jobNodesMax = 100_000_000;

/** Most current-allocation lines an optimize job accepts. */
export const currentLinesMax = 100_000;

function currentAllocation(x: unknown): CurrentAllocation[] | null {
  if (x === undefined) return null;
  const bad = (): never => {
    throw new StakemeshFailure('BAD_JOB', 'params.current is a list of { operator, service, amount ≥ 0 }');
  };
  if (!Array.isArray(x) || x.length > currentLinesMax) return bad();
  return x.map((l: unknown) => {
    const r = l as Record<string, unknown>;
    if (typeof l !== 'object' || l === null || typeof r.operator !== 'string' || typeof r.service !== 'string') return bad();
    if (typeof r.amount !== 'number' || !Number.isFinite(r.amount) || r.amount < 0) return bad();
    return { operator: r.operator, service: r.service, amount: r.amount };
  });
}

/** The recommended allocation; with `params.current`, also the diff against it (what to move, risk and yield before/after). */
async function optimized(doc: unknown, params: Readonly<Record<string, unknown>> = {}): Promise<unknown> {
  const current = currentAllocation(params.current);
  const sc = scenarioInput(doc);
  const m = compileModel(sc);
  const r = await optimizeScenario(sc, m);
  if (!r.ok) return { error: { code: r.error.code, message: r.error.message } };
  return current ? { ...r.value, diff: allocationDiff(sc, m, current, r.value.allocation) } : r.value;
}

/**
 * Runs a job that is not split into shards (one task): `analyze` (the exact metrics of SPEC §10 on a network:
 * verdict, best attack, γ*, R_ψ at 1/5/10 %, exact costs to corrupt), `price` (Monte Carlo then pricing),
 * `optimize` (allocation LP), `report` (all of them). Results are JSON values.
 */
export async function executeWhole(spec: JobSpec, doc: unknown, onProgress: (done: number, total: number) => void): Promise<unknown> {
  const p = spec.params;
  const nodes = p.nodesMax === undefined ? {} : { nodesMax: Math.max(1, intParam(p, 'nodesMax', 1, jobNodesMax)) };
  const sims = (): { scenarios?: number; seed?: number } => ({
    ...(p.scenarios !== undefined ? { scenarios: Math.max(1, intParam(p, 'scenarios', 1, scenarioBounds.scenariosMax)) } : {}),
    ...(p.seed !== undefined ? { seed: intParam(p, 'seed', 0, Number.MAX_SAFE_INTEGER) } : {}),
  });
  switch (spec.kind) {
    case 'analyze': {
      const at = {
        block: intParam(p, 'block', 0, Number.MAX_SAFE_INTEGER),
        seq: intParam(p, 'seq', 0, Number.MAX_SAFE_INTEGER),
        stateHash: spec.stateHash,
      };
      return computeExactMetrics(networkInput(doc), at, { ...nodes, onProgress: (_, d, t) => onProgress(d, t) });
    }
    case 'price': {
      const sc = scenarioInput(doc);
      const sim = await simulate(sc, { ...sims(), threads: 1 });
      onProgress(1, 1);
      return priceScenario(sc, sim.model, sim.report, sim.raw);
    }
    case 'optimize':
      return optimized(doc, p);
    case 'report': {
      const sc = scenarioInput(doc);
      const security = analyzeReportJson(await analyzeNetwork(sc.network, nodes));
      onProgress(1, 3);
      const sim = await simulate(sc, { ...sims(), threads: 1 });
      onProgress(2, 3);
      const pricing = priceScenario(sc, sim.model, sim.report, sim.raw);
      const optimize = await optimized(doc);
      onProgress(3, 3);
      return { security, simulation: sim.report, pricing, optimize };
    }
    case 'montecarlo':
      throw new StakemeshFailure('BAD_JOB', 'a Monte Carlo job runs as shards');
  }
}
