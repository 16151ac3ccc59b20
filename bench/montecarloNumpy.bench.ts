import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchRun } from './types.js';
import { compileModel } from '../src/risk/montecarlo/compileModel.js';
import { generateScenario } from '../src/risk/scenario/generateScenario.js';
import { parseScenario } from '../src/risk/scenario/parseScenario.js';
import type { Scenario } from '../src/risk/scenario/scenario.js';
import type { CompiledModel } from '../src/risk/montecarlo/model.js';
import type { LossStats } from '../src/risk/montecarlo/lossStats.js';
import { runMonteCarlo, type MonteCarloRaw } from '../src/risk/montecarlo/runMonteCarlo.js';
import { monteCarloReport } from '../src/risk/montecarlo/simulate.js';

/**
 * The TypeScript Monte Carlo side by side with a vectorised numpy implementation
 * (bench/montecarlo_numpy.py) of the same one-factor model on the same generated
 * 2,000 × 100 network: one market factor (loading 0.3) on every service and operator.
 * numpy computes the same statistics as the engine's runMonteCarlo (per-operator and per-service
 * sums, squares, counts, exceedances and log-binned histograms for VaR/ES, the contagion matrix,
 * the network totals sample); a row prints aggregates of both side by side. Both sides use
 * every core: the engine its worker threads, numpy one process per core (and once in a single
 * process, for the per-CPU-second ratio of one thread against one process).
 */
const loading = 0.3;
const engineScenarios = 400_000;
const numpyScenarios = 100_000;

export function oneFactorScenario(operators: number, services: number): Scenario {
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
    levels: sc.simulation.levels,
  };
}

/** Aggregates of the outputs both sides compute (numpy's JSON carries the same names). */
interface Agreement {
  readonly expectedLoss: number;
  readonly var99: number;
  readonly serviceMeanLossFractionSum: number;
  readonly contagionSum: number;
  readonly operatorMeanES99Fraction: number;
  readonly serviceMeanES99Fraction: number;
  readonly operatorMeanSdFraction: number;
}

interface NumpyResult extends Agreement {
  readonly perSecond: number;
  readonly cpuSeconds: number;
  readonly seconds: number;
}

function runNumpy(sc: Scenario, processes: number): NumpyResult | string {
  const dir = mkdtempSync(join(tmpdir(), 'stakemesh-numpy-'));
  try {
    const file = join(dir, 'model.json');
    writeFileSync(file, JSON.stringify(numpyModel(sc)));
    const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'montecarlo_numpy.py');
    const r = spawnSync('python3', [script, file, String(numpyScenarios), '1', String(processes)], { encoding: 'utf8', timeout: 600_000 });
    if (r.status !== 0) return `numpy reference not run: ${(r.stderr || String(r.error)).trim().split('\n').pop()}`;
    return JSON.parse(r.stdout) as NumpyResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface EngineResult {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly mean: number;
  readonly agreement: Agreement;
}

/** The engine's side of the agreement aggregates, from its report (built after the timing). */
function engineAgreement(sc: Scenario, m: CompiledModel, raw: MonteCarloRaw): Agreement {
  const r = monteCarloReport(sc, m, raw, 1);
  const frac = (l: LossStats, x: number) => (l.exposure > 0 ? x / l.exposure : 0);
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const es99 = (l: LossStats) => frac(l, l.expectedShortfall.find((e) => e.level === 0.99)?.value ?? NaN);
  return {
    expectedLoss: r.network.expectedLoss,
    var99: r.network.valueAtRisk.find((v) => v.level === 0.99)?.value ?? NaN,
    serviceMeanLossFractionSum: r.services.reduce((a, l) => a + l.expectedLossRate, 0),
    contagionSum: r.contagion.matrix.reduce((a, row) => a + (row ?? []).reduce((b, v, t) => b + v / (m.svcStake[t] ?? 1), 0), 0),
    operatorMeanES99Fraction: mean(r.operators.map(es99)),
    serviceMeanES99Fraction: mean(r.services.map(es99)),
    operatorMeanSdFraction: mean(r.operators.map((l) => frac(l, l.stdDev))),
  };
}

/** One warm-up run (JIT, worker threads) then the measured one; CPU-s of the whole process (every thread). */
async function runEngine(sc: Scenario, m: CompiledModel, scenarios: number, threads: number): Promise<EngineResult> {
  await runMonteCarlo(m, { scenarios: 20_000, seed: 7, threads, thresholds: sc.simulation.lossThresholds });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const raw = await runMonteCarlo(m, { scenarios, seed: 1, threads, thresholds: sc.simulation.lossThresholds });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const mean = raw.totals.reduce((s, v) => s + v, 0) / scenarios;
  return { seconds, cpuSeconds: (c.user + c.system) / 1e6, mean, agreement: engineAgreement(sc, m, raw) };
}

const k = (x: number) => `${(x / 1000).toFixed(1)}k`;

export const run: BenchRun = async () => {
  const threads = availableParallelism();
  const sc = oneFactorScenario(2000, 100);
  const m = compileModel(sc);
  const load0 = loadavg()[0] ?? 0;
  const engine = await runEngine(sc, m, engineScenarios, threads);
  const single = await runEngine(sc, m, engineScenarios / 2, 1);
  const npOne = runNumpy(sc, 1);
  const npAll = runNumpy(sc, threads);
  const load1 = loadavg()[0] ?? 0;
  const machine = `load ${load0.toFixed(1)} → ${load1.toFixed(1)}`;
  const engineNote = (e: EngineResult, n: number) =>
    `${n.toLocaleString('en-US')} scenarios in ${e.seconds.toFixed(2)} s, ${e.cpuSeconds.toFixed(2)} CPU-s (${k(n / e.cpuSeconds)}/CPU-s); mean loss ${e.mean.toFixed(1)}`;
  const rows: BenchRow[] = [
    {
      name: `montecarlo one-factor 2000 × 100, engine, ${threads} threads`,
      value: Math.round(engineScenarios / engine.seconds),
      unit: 'scenarios/s',
      note: `${engineNote(engine, engineScenarios)}; ${machine}`,
    },
    {
      name: 'montecarlo one-factor 2000 × 100, engine, 1 thread',
      value: Math.round(engineScenarios / 2 / single.seconds),
      unit: 'scenarios/s',
      note: engineNote(single, engineScenarios / 2),
    },
  ];
  if (typeof npOne === 'string' || typeof npAll === 'string') {
    const why = typeof npOne === 'string' ? npOne : String(npAll);
    return [...rows, { name: 'montecarlo one-factor 2000 × 100, numpy reference', value: 0, unit: 'scenarios/s', note: why }];
  }
  return [...rows, ...comparisonRows({ threads, engine, npOne, npAll, single })];
};

/** The numpy rows and the engine ÷ numpy ratios (per CPU-second and wall clock), with both sides' aggregates. */
function comparisonRows(o: {
  readonly threads: number;
  readonly engine: EngineResult;
  readonly single: EngineResult;
  readonly npOne: NumpyResult;
  readonly npAll: NumpyResult;
}): BenchRow[] {
  const { threads, engine, single, npOne, npAll } = o;
  const npNote = (r: NumpyResult) =>
    `${numpyScenarios.toLocaleString('en-US')} scenarios in ${r.seconds.toFixed(2)} s, ${r.cpuSeconds.toFixed(2)} CPU-s (${k(numpyScenarios / r.cpuSeconds)}/CPU-s); mean loss ${r.expectedLoss.toFixed(1)}`;
  const perCpu = engineScenarios / engine.cpuSeconds / (numpyScenarios / npAll.cpuSeconds);
  const perCpuSingle = engineScenarios / 2 / single.cpuSeconds / (numpyScenarios / npOne.cpuSeconds);
  const wall = engineScenarios / engine.seconds / Math.max(npOne.perSecond, npAll.perSecond);
  return [
    {
      name: 'montecarlo one-factor 2000 × 100, numpy reference, 1 process',
      value: Math.round(npOne.perSecond),
      unit: 'scenarios/s',
      note: npNote(npOne),
    },
    {
      name: `montecarlo one-factor 2000 × 100, numpy reference, ${threads} processes`,
      value: Math.round(npAll.perSecond),
      unit: 'scenarios/s',
      note: npNote(npAll),
    },
    {
      name: `montecarlo engine ÷ numpy per CPU-second, ${threads} threads ÷ ${threads} processes`,
      value: perCpu,
      unit: '×',
      target: '≥ 10×',
      met: perCpu >= 10,
      note: `1 thread ÷ 1 process: ${perCpuSingle.toFixed(2)}×; run back to back on the same machine`,
    },
    {
      name: 'montecarlo engine and numpy outputs, side by side (engine 2 threads / numpy 2 processes)',
      value: npAll.expectedLoss / engine.mean,
      unit: 'numpy ÷ engine mean loss',
      note: (Object.keys(engine.agreement) as (keyof Agreement)[])
        .map((key) => `${key} ${engine.agreement[key].toPrecision(4)} / ${npAll[key].toPrecision(4)}`)
        .join('; '),
    },
    {
      name: `montecarlo engine ÷ numpy wall clock, ${threads} threads ÷ numpy's faster run`,
      value: wall,
      unit: '×',
      target: '≥ 10×',
      met: wall >= 10,
      note: 'wall times on a shared machine depend on its load',
    },
  ];
}
