import { availableParallelism } from 'node:os';
import type { BenchRow, BenchRun } from './types.js';
import { compileModel } from '../src/risk/montecarlo/compileModel.js';
import { runMonteCarlo } from '../src/risk/montecarlo/runMonteCarlo.js';
import { generateScenario } from '../src/risk/scenario/generateScenario.js';
import { parseScenario } from '../src/risk/scenario/parseScenario.js';
import type { Scenario } from '../src/risk/scenario/scenario.js';

function scenario(operators: number, services: number): Scenario {
  const r = parseScenario(generateScenario({ operators, services, seed: 42 }), () => {
    throw new Error('inline network only');
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

let lastCpuS = 0;

/** Wall seconds of a run; `lastCpuS` keeps its CPU seconds (all threads), useful on a loaded machine. */
async function timed(sc: Scenario, n: number, threads: number, dense: boolean): Promise<number> {
  const m = compileModel(sc);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await runMonteCarlo(m, { scenarios: n, seed: 1, threads, dense, thresholds: sc.simulation.lossThresholds });
  const c = process.cpuUsage(c0);
  lastCpuS = (c.user + c.system) / 1e6;
  return (performance.now() - t0) / 1000;
}

/**
 * Correlated-slashing Monte Carlo: 1,000,000 scenarios on a generated 2,000-operator × 100-service
 * network on all cores (target ≤ 20 s on 2 cores), scenarios/s versus network size, and the
 * sparse-versus-dense speed-up measured on the same network in the same run.
 */
export const run: BenchRun = async () => {
  const threads = availableParallelism();
  const rows: BenchRow[] = [];
  const big = scenario(2000, 100);
  const full = await timed(big, 1_000_000, threads, false);
  rows.push({
    name: `montecarlo 1M scenarios, 2000 ops × 100 services, ${threads} threads`,
    value: full,
    unit: 's',
    target: '≤ 20 s on 2 cores',
    met: full <= 20,
    note: `${Math.round(1_000_000 / full).toLocaleString('en-US')} scenarios/s; ${lastCpuS.toFixed(1)} CPU-s over all threads`,
  });
  const n = 30_000;
  const sparse = await timed(big, n, 1, false);
  const dense = await timed(big, n, 1, true);
  rows.push({
    name: 'montecarlo sparse vs dense speed-up (2000 × 100, 1 thread)',
    value: dense / sparse,
    unit: '×',
    note: `sparse ${Math.round(n / sparse)}/s, dense ${Math.round(n / dense)}/s`,
  });
  rows.push({
    name: `montecarlo throughput 2000 ops × 100 services, ${threads} threads`,
    value: Math.round(1_000_000 / full),
    unit: 'scenarios/s',
    note: `${big.network.allocations.length} allocations (the 1M run)`,
  });
  for (const [ops, svcs] of [
    [250, 25],
    [500, 50],
    [1000, 75],
    [4000, 150],
  ] as const) {
    const sc = scenario(ops, svcs);
    const s = await timed(sc, 100_000, threads, false);
    rows.push({
      name: `montecarlo throughput ${ops} ops × ${svcs} services, ${threads} threads`,
      value: Math.round(100_000 / s),
      unit: 'scenarios/s',
      note: `${sc.network.allocations.length} allocations, 100k scenarios`,
    });
  }
  return rows;
};
