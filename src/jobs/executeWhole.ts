import { StakemeshFailure } from '../errors/result.js';
import { analyzeNetwork } from '../risk/analyzeNetwork.js';
import { analyzeReportJson } from '../risk/analyzeReportJson.js';
import { computeExactMetrics } from '../risk/metrics/exactMetrics.js';
import { simulate } from '../risk/montecarlo/simulate.js';
import { optimizeScenario } from '../risk/optimize/optimizeScenario.js';
import { priceScenario } from '../risk/pricing/priceScenario.js';
import { scenarioBounds } from '../risk/scenario/scenarioBounds.js';
import { intParam, networkInput, scenarioInput } from './jobInputs.js';
import type { JobSpec } from './jobSpec.js';

/** Largest node budget a job may ask for (branch-and-bound nodes per solver run). */
export const jobNodesMax = 100_000_000;

async function optimized(doc: unknown): Promise<unknown> {
  const r = await optimizeScenario(scenarioInput(doc));
  return r.ok ? r.value : { error: { code: r.error.code, message: r.error.message } };
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
      const at = { block: intParam(p, 'block', 0, Number.MAX_SAFE_INTEGER), seq: intParam(p, 'seq', 0, Number.MAX_SAFE_INTEGER), stateHash: spec.stateHash };
      return computeExactMetrics(networkInput(doc), at, { ...nodes, onProgress: (_, d, t) => onProgress(d, t) });
    }
    case 'price': {
      const sc = scenarioInput(doc);
      const sim = await simulate(sc, { ...sims(), threads: 1 });
      onProgress(1, 1);
      return priceScenario(sc, sim.model, sim.report, sim.raw);
    }
    case 'optimize':
      return optimized(doc);
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
