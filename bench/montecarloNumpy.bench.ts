import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchRun } from './types.js';
import { compileModel } from '../src/risk/montecarlo/compileModel.js';
import { runMonteCarlo } from '../src/risk/montecarlo/runMonteCarlo.js';
import { generateScenario } from '../src/risk/scenario/generateScenario.js';
import { parseScenario } from '../src/risk/scenario/parseScenario.js';
import type { Scenario } from '../src/risk/scenario/scenario.js';

/**
 * The TypeScript Monte Carlo side by side with a vectorised numpy implementation
 * (bench/montecarlo_numpy.py) of the same one-factor model on the same generated
 * 2,000 × 100 network: one market factor (loading 0.3) on every service and operator.
 * numpy computes a subset of the engine's outputs, so the ratio is a lower bound.
 */
const loading = 0.3;
const engineScenarios = 400_000;
const numpyScenarios = 100_000;

function oneFactorScenario(operators: number, services: number): Scenario {
  const raw = generateScenario({ operators, services, seed: 42 });
  const ops = (raw.operators as { id: string }[]).map(({ id }) => ({ id }));
  const r = parseScenario({ ...raw, operators: ops, factors: [{ id: 'market', kind: 'market', loading, members: 'all' }] }, () => {
    throw new Error('inline network only');
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function numpyModel(sc: Scenario): unknown {
  const m = compileModel(sc);
  const edgeOp: number[] = [];
  for (let o = 0; o < m.nOps; o++) for (let e = m.opEdgeStart[o]!; e < m.opEdgeStart[o + 1]!; e++) edgeOp.push(o);
  const sev = (s: Scenario['services'][number]['severity']) =>
    s.kind === 'beta' ? [s.alpha, s.beta, s.scale] : s.kind === 'uniform' ? [s.min, s.max] : [s.value];
  const svcSev = sc.services.map((s) => JSON.stringify(sev(s.severity)));
  const opSev = sc.operators.map((s) => JSON.stringify(sev(s.severity)));
  if (new Set(svcSev).size !== 1 || new Set(opSev).size !== 1) throw new Error('numpy reference expects one severity per side');
  return {
    opStake: Array.from(m.opStake),
    edgeOp,
    edgeSvc: Array.from(m.edgeSvc),
    edgeAmt: Array.from(m.edgeAmt),
    svcProb: sc.services.map((s) => s.faultProbability),
    svcLoading: sc.services.map((s) => s.loadings[0]?.loading ?? 0),
    opProb: sc.operators.map((s) => s.faultProbability),
    opLoading: sc.operators.map((s) => s.loadings[0]?.loading ?? 0),
    svcSeverity: JSON.parse(svcSev[0] ?? '[]') as number[],
    opSeverity: JSON.parse(opSev[0] ?? '[]') as number[],
    thresholds: sc.simulation.lossThresholds,
  };
}

interface NumpyResult {
  readonly perSecond: number;
  readonly cpuSeconds: number;
  readonly seconds: number;
  readonly expectedLoss: number;
}

function runNumpy(sc: Scenario): NumpyResult | string {
  const dir = mkdtempSync(join(tmpdir(), 'stakemesh-numpy-'));
  try {
    const file = join(dir, 'model.json');
    writeFileSync(file, JSON.stringify(numpyModel(sc)));
    const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'montecarlo_numpy.py');
    const r = spawnSync('python3', [script, file, String(numpyScenarios), '1'], { encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) return `numpy reference not run: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`;
    return JSON.parse(r.stdout) as NumpyResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const run: BenchRun = async () => {
  const threads = availableParallelism();
  const sc = oneFactorScenario(2000, 100);
  const m = compileModel(sc);
  const load0 = loadavg()[0] ?? 0;
  await runMonteCarlo(m, { scenarios: 20_000, seed: 7, threads, thresholds: sc.simulation.lossThresholds });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const raw = await runMonteCarlo(m, { scenarios: engineScenarios, seed: 1, threads, thresholds: sc.simulation.lossThresholds });
  const engineS = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const engineMean = raw.totals.reduce((s, v) => s + v, 0) / engineScenarios;
  const np = runNumpy(sc);
  const load1 = loadavg()[0] ?? 0;
  const enginePerS = engineScenarios / engineS;
  const machine = `load ${load0.toFixed(1)} → ${load1.toFixed(1)}`;
  const rows: BenchRow[] = [
    {
      name: `montecarlo one-factor 2000 × 100, engine, ${threads} threads`,
      value: Math.round(enginePerS),
      unit: 'scenarios/s',
      note: `${engineScenarios.toLocaleString('en-US')} scenarios in ${engineS.toFixed(2)} s, ${((c.user + c.system) / 1e6).toFixed(1)} CPU-s; mean loss ${engineMean.toFixed(1)}; ${machine}`,
    },
  ];
  if (typeof np === 'string')
    return [...rows, { name: 'montecarlo one-factor 2000 × 100, numpy reference', value: 0, unit: 'scenarios/s', note: np }];
  rows.push(
    {
      name: 'montecarlo one-factor 2000 × 100, numpy reference (bench/montecarlo_numpy.py)',
      value: Math.round(np.perSecond),
      unit: 'scenarios/s',
      note: `${numpyScenarios.toLocaleString('en-US')} scenarios in ${np.seconds.toFixed(2)} s, ${np.cpuSeconds.toFixed(1)} CPU-s; mean loss ${np.expectedLoss.toFixed(1)}`,
    },
    {
      name: 'montecarlo one-factor 2000 × 100, engine ÷ numpy',
      value: enginePerS / np.perSecond,
      unit: '×',
      target: '≥ 10×',
      met: enginePerS / np.perSecond >= 10,
      note: 'run back to back on the same machine',
    },
  );
  return rows;
};
