import { analyzeNetwork } from '../../risk/analyzeNetwork.js';
import { analyzeReportJson } from '../../risk/analyzeReportJson.js';
import { simulate, type SimulationResult } from '../../risk/montecarlo/simulate.js';
import { optimizeScenario, type OptimizeReport } from '../../risk/optimize/optimizeScenario.js';
import { priceScenario, type PricingReport } from '../../risk/pricing/priceScenario.js';
import type { Scenario } from '../../risk/scenario/scenario.js';
import { progressBar } from './runOptions.js';

export interface RunSettings {
  readonly scenarios?: number | undefined;
  readonly seed?: number | undefined;
  readonly threads?: number | undefined;
  readonly dense?: boolean;
}

/** Runs the Monte Carlo with a progress bar on stderr. */
export async function runSimulation(sc: Scenario, o: RunSettings): Promise<SimulationResult> {
  const n = o.scenarios ?? sc.simulation.scenarios;
  const bar = progressBar(n, 'simulate');
  try {
    return await simulate(sc, { scenarios: n, seed: o.seed, threads: o.threads, dense: o.dense, onProgress: bar.tick });
  } finally {
    bar.stop();
  }
}

/** The solver budget of the security section. Nodes alone give the same figures on every run and
 *  machine; a time limit (opt-in) makes unproven figures depend on the machine's speed. */
export interface SecurityBudget {
  readonly nodesPerSolve: number;
  readonly timeLimitS: number | null;
}

export type SecuritySection =
  | { readonly status: 'ok'; readonly analysis: Record<string, unknown>; readonly budget: SecurityBudget }
  | { readonly status: 'skipped' | 'error'; readonly note: string };

export interface RiskReport {
  readonly generatedBy: string;
  readonly security: SecuritySection;
  readonly simulation: SimulationResult['report'];
  readonly pricing: PricingReport;
  readonly optimize: OptimizeReport | { readonly error: string };
}

/** The risk report (`stakemesh report`): security (issue 5's analyzeNetwork), loss distributions, pricing, allocation. */
export async function buildRiskReport(
  sc: Scenario,
  o: RunSettings & { readonly security: boolean; readonly securityBudget: SecurityBudget },
): Promise<RiskReport> {
  const security = o.security
    ? await securitySection(sc, o.securityBudget)
    : ({ status: 'skipped', note: 'security analysis skipped (--no-security)' } as const);
  const sim = await runSimulation(sc, o);
  const pricing = priceScenario(sc, sim.model, sim.report, sim.raw);
  const opt = await optimizeScenario(sc, sim.model);
  return {
    generatedBy: 'stakemesh report',
    security,
    simulation: sim.report,
    pricing,
    optimize: opt.ok ? opt.value : { error: `${opt.error.code}: ${opt.error.message}` },
  };
}

async function securitySection(sc: Scenario, budget: SecurityBudget): Promise<SecuritySection> {
  const bar = progressBar(100, 'security');
  const t0 = Date.now();
  let last = 0;
  const onProgress = (_phase: string, done: number, total: number) => {
    const v = total > 0 ? Math.round((100 * done) / total) : 0;
    bar.tick(v - last);
    last = v;
  };
  try {
    const limits = { nodesMax: budget.nodesPerSolve, ...(budget.timeLimitS !== null ? { timeLimitS: budget.timeLimitS } : {}) };
    const r = await analyzeNetwork(sc.network, { ...limits, onProgress });
    // the time taken goes to stderr: the report itself stays the same on every run
    process.stderr.write(`security analysis: ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    return { status: 'ok', analysis: analyzeReportJson(r), budget };
  } catch (e) {
    return { status: 'error', note: `security analysis failed: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    bar.stop();
  }
}
