import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchRun } from './types.js';
import { oneFactorScenario } from './montecarloNumpy.bench.js';
import { compileModel } from '../src/risk/montecarlo/compileModel.js';
import { clearFaults, newFaultScratch } from '../src/risk/montecarlo/faultScratch.js';
import type { CompiledModel } from '../src/risk/montecarlo/model.js';
import { runMonteCarlo, type MonteCarloRaw } from '../src/risk/montecarlo/runMonteCarlo.js';
import { sampleFaults } from '../src/risk/montecarlo/sampleFaults.js';
import { ScenarioStream } from '../src/risk/montecarlo/stream.js';

/**
 * How much a compiled kernel could gain on the engine's Monte Carlo (issue 14: a WebAssembly
 * kernel for the loss pass was the next candidate). One thread, the montecarloNumpy network
 * (2,000 × 100, one factor, every operator full-restaking). The engine's scenario is split into
 * its fault sampling (timed alone: the same sampleFaults loop) and the rest, the loss pass; the
 * loss pass is also run by bench/montecarlo_native.c, a line-by-line C port compiled with `cc -O2`,
 * on the very faults the engine drew, and its statistics are compared bit for bit with the
 * engine's. A WebAssembly kernel is at best as fast as that native build, so JS sampling + the
 * native loss pass bounds what such a kernel could give. Rounds alternate engine and native;
 * figures are each side's fastest round (CPU-s, this thread / the native process).
 */
const scenarios = Number(process.env.MC_NATIVE_SCENARIOS ?? 200_000);
const rounds = Number(process.env.MC_NATIVE_ROUNDS ?? 3);
const seed = 1;

function cpuSeconds(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/** CPU-s of sampling alone, and the faults drawn (per scenario: counts, then (entity, σ) pairs). */
function sample(m: CompiledModel): { cpu: number; events: Float64Array } {
  const f = newFaultScratch(m);
  const s = new ScenarioStream(seed);
  const c0 = process.cpuUsage();
  for (let i = 0; i < scenarios; i++) {
    s.reset(i);
    sampleFaults(m, s, f, false);
    clearFaults(f);
  }
  const cpu = cpuSeconds(c0);
  const ev: number[] = [];
  for (let i = 0; i < scenarios; i++) {
    s.reset(i);
    sampleFaults(m, s, f, false);
    ev.push(f.nFiredSvc, f.nFiredOp);
    for (let k = 0; k < f.nFiredSvc; k++) ev.push(f.firedSvc[k]!, f.svcSev[f.firedSvc[k]!]!);
    for (let k = 0; k < f.nFiredOp; k++) ev.push(f.firedOp[k]!, f.opSev[f.firedOp[k]!]!);
    clearFaults(f);
  }
  return { cpu, events: Float64Array.from(ev) };
}

/** The native program's input: header, model arrays, thresholds, faults (layout in montecarlo_native.c). */
function nativeInput(m: CompiledModel, thresholds: readonly number[], events: Float64Array): Buffer {
  const header = [m.nOps, m.nSvc, m.edgeSvc.length, m.overlapStart[m.nSvc]!, scenarios, events.length, thresholds.length];
  const parts = [header, m.opStake, m.opExposure, m.opAllocSum, m.opEdgeStart, m.edgeSvc, m.svcStake, m.svcEdgeStart];
  parts.push(m.svcEdgeOp, m.svcEdgeAmt, m.overlapStart, m.overlapSvc, m.overlapStake, [...thresholds], events);
  return Buffer.concat(parts.map((p) => Buffer.from(Float64Array.from(p).buffer)));
}

/** The engine's statistics in the native program's output order. */
function engineOutput(raw: MonteCarloRaw): Buffer {
  const a = raw.acc;
  const arrays: Float64Array[] = [];
  for (const st of [a.ops, a.svcs]) arrays.push(st.sumQ, st.sumSqQ, st.nonzero, st.exceed, st.histCount, st.histSumQ);
  arrays.push(a.faultCount, a.contagion, raw.totals);
  return Buffer.concat(arrays.map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength)));
}

/** Why the native port does not apply to this model (it implements the full-restaking overlap path only). */
function notApplicable(m: CompiledModel): string | null {
  if (!m.opFull.every((x) => x === 1)) return 'not every operator is full-restaking';
  if (m.overlapStart[m.nSvc]! === 0) return 'no overlap rows';
  if (m.nPos > 0 || m.baseLayer) return 'positions are held';
  return null;
}

function row(name: string, value: number, unit: string, note: string): BenchRow {
  return { name: `montecarlo native ceiling: ${name}`, value, unit, note };
}

export const run: BenchRun = async () => {
  const sc = oneFactorScenario(2000, 100);
  const m = compileModel(sc);
  const thresholds = sc.simulation.lossThresholds;
  const why = notApplicable(m);
  if (why) return [row('not run', 0, '', why)];
  const dir = mkdtempSync(join(tmpdir(), 'stakemesh-native-'));
  try {
    const exe = join(dir, 'loss');
    const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'montecarlo_native.c');
    const cc = spawnSync('cc', ['-O2', '-o', exe, src, '-lm'], { encoding: 'utf8' });
    if (cc.status !== 0) return [row('not run', 0, '', `no C compiler: ${(cc.stderr || String(cc.error)).trim().split('\n')[0]}`)];
    const load0 = loadavg()[0] ?? 0;
    const sampled = sample(m);
    writeFileSync(join(dir, 'in.bin'), nativeInput(m, thresholds, sampled.events));
    await runMonteCarlo(m, { scenarios: 20_000, seed: 7, threads: 1, thresholds });
    let engineCpu = Infinity;
    let nativeCpu = Infinity;
    let identical = true;
    for (let r = 0; r < rounds; r++) {
      const c0 = process.cpuUsage();
      const raw = await runMonteCarlo(m, { scenarios, seed, threads: 1, thresholds });
      engineCpu = Math.min(engineCpu, cpuSeconds(c0));
      const out = spawnSync(exe, [join(dir, 'in.bin'), join(dir, 'out.bin')], { encoding: 'utf8' });
      if (out.status !== 0) return [row('not run', 0, '', `native run failed: ${out.stderr}`)];
      nativeCpu = Math.min(nativeCpu, (JSON.parse(out.stdout) as { cpuSeconds: number }).cpuSeconds);
      identical &&= readFileSync(join(dir, 'out.bin')).equals(engineOutput(raw));
    }
    const us = (s: number) => (s / scenarios) * 1e6;
    const lossJs = engineCpu - sampled.cpu;
    const ceiling = scenarios / (sampled.cpu + nativeCpu);
    const machine = `${scenarios.toLocaleString('en-US')} scenarios, best of ${rounds}; load ${load0.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`;
    return [
      row(
        'engine, whole scenario, 1 thread',
        us(engineCpu),
        'µs CPU/scenario',
        `${(scenarios / engineCpu / 1000).toFixed(1)}k/CPU-s; ${machine}`,
      ),
      row('engine, fault sampling alone', us(sampled.cpu), 'µs CPU/scenario', 'sampleFaults per scenario, as in the engine'),
      row('engine, loss pass (whole − sampling)', us(lossJs), 'µs CPU/scenario', 'statistics, contagion, totals'),
      row(
        'native C loss pass (cc -O2)',
        us(nativeCpu),
        'µs CPU/scenario',
        `statistics identical to the engine's bit for bit: ${identical ? 'yes' : 'NO'}; ${(lossJs / nativeCpu).toFixed(2)}× the engine's loss pass`,
      ),
      row(
        'JS sampling + native loss pass',
        Math.round(ceiling),
        'scenarios/CPU-s',
        `${((ceiling * engineCpu) / scenarios).toFixed(2)}× the engine on one thread: the most a compiled loss-pass kernel could give`,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
