import { derivedPositionsReport, type DerivedPositionsReport } from '../scenario/derivePositions.js';
import type { Scenario } from '../scenario/scenario.js';
import { binnedStats, lossBins } from './binnedStats.js';
import { compileModel } from './compileModel.js';
import { exactStats, histogramOf } from './exactStats.js';
import type { Histogram, LossStats } from './lossStats.js';
import type { CompiledModel } from './model.js';
import { quantum } from './accumulator.js';
import { runMonteCarlo, type MonteCarloRaw } from './runMonteCarlo.js';

export interface SimulateOptions {
  readonly scenarios?: number;
  readonly seed?: number;
  readonly threads?: number;
  readonly dense?: boolean;
  readonly onProgress?: (done: number) => void;
}

export interface Contagion {
  readonly services: readonly string[];
  /** Faults of each service observed in the run. */
  readonly faults: readonly number[];
  /** matrix[s][t]: expected loss (numeraire) of the stake securing t given a fault in s; null if s never faulted. */
  readonly matrix: readonly (readonly number[] | null)[];
}

export interface MonteCarloReport {
  readonly scenarios: number;
  readonly seed: number;
  readonly levels: readonly number[];
  readonly thresholds: readonly number[];
  readonly network: LossStats;
  readonly networkHistogram: Histogram;
  readonly operators: readonly LossStats[];
  /** Services also carry their log-binned loss histogram (non-empty bins). */
  readonly services: readonly (LossStats & { readonly histogram: ReturnType<typeof lossBins> })[];
  readonly positions: readonly (LossStats & { readonly kind: string; readonly histogram: Histogram })[];
  /** Present when the network came from a command log: the positions derived from its ledger. */
  readonly derivedPositions?: DerivedPositionsReport;
  readonly contagion: Contagion;
}

export interface SimulationResult {
  readonly report: MonteCarloReport;
  readonly model: CompiledModel;
  readonly raw: MonteCarloRaw;
}

/** Correlated-slashing Monte Carlo over a validated scenario (SPEC §6). */
export async function simulate(scenario: Scenario, o: SimulateOptions = {}): Promise<SimulationResult> {
  const m = compileModel(scenario);
  const n = o.scenarios ?? scenario.simulation.scenarios;
  const seed = o.seed ?? scenario.simulation.seed;
  const { lossThresholds } = scenario.simulation;
  const raw = await runMonteCarlo(m, {
    scenarios: n,
    seed,
    threads: o.threads,
    dense: o.dense,
    thresholds: lossThresholds,
    onProgress: o.onProgress,
  });
  const report = monteCarloReport(scenario, m, raw, seed);
  return { report, model: m, raw };
}

/** The report of a run from its raw output (also used to merge the shards of a Monte Carlo job). */
export function monteCarloReport(scenario: Scenario, m: CompiledModel, raw: MonteCarloRaw, seed: number): MonteCarloReport {
  const n = raw.scenarios;
  const { levels, lossThresholds } = scenario.simulation;
  const exposure = m.opExposure.reduce((s, v) => s + v, 0);
  return {
    scenarios: n,
    seed,
    levels,
    thresholds: lossThresholds,
    network: exactStats('network', exposure, raw.totals, levels, lossThresholds),
    networkHistogram: histogramOf(raw.totals),
    operators: scenario.network.operators.map((op, e) =>
      binnedStats(op.id, m.opExposure[e] ?? 0, raw.acc.ops, e, n, levels, lossThresholds),
    ),
    services: scenario.network.services.map((s, e) => ({
      ...binnedStats(s.id, m.svcStake[e] ?? 0, raw.acc.svcs, e, n, levels, lossThresholds),
      histogram: lossBins(raw.acc.svcs, e, n, m.svcStake[e] ?? 0),
    })),
    positions: scenario.positions.map((p, i) => {
      const sample = raw.positions.subarray(i * n, (i + 1) * n);
      return { ...exactStats(p.id, m.posValue[i] ?? 0, sample, levels, lossThresholds), kind: p.kind, histogram: histogramOf(sample) };
    }),
    ...(scenario.derivedPositions ? { derivedPositions: derivedPositionsReport(scenario.derivedPositions) } : {}),
    contagion: contagion(scenario, m, raw),
  };
}

function contagion(scenario: Scenario, m: CompiledModel, raw: MonteCarloRaw): Contagion {
  const ns = m.nSvc;
  const faults = Array.from(raw.acc.faultCount);
  const matrix = faults.map((c, s) =>
    c === 0 ? null : Array.from({ length: ns }, (_, t) => ((raw.acc.contagion[s * ns + t] ?? 0) / quantum / c) * (m.svcStake[t] ?? 0)),
  );
  return { services: scenario.network.services.map((s) => s.id), faults, matrix };
}
