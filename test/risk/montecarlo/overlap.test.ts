import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileModel } from '../../../src/risk/montecarlo/compileModel.js';
import type { CompiledModel } from '../../../src/risk/montecarlo/model.js';
import { runMonteCarlo } from '../../../src/risk/montecarlo/runMonteCarlo.js';
import { generateScenario } from '../../../src/risk/scenario/generateScenario.js';
import { scenarioOf } from './fixtures.js';

// The overlap shortcut of the sparse loss pass (compileOverlap) against the per-allocation pass
// it replaces: same operator statistics bit for bit, service statistics and contagion equal up to
// one quantum per scenario (a sum taken in another order can round across a quantum boundary).

function network(mode: 'elastic' | 'unique' | 'mixed', seed: number) {
  const raw = generateScenario({ operators: 150, services: 12, seed, mode: mode === 'unique' ? 'unique' : 'elastic' });
  const net = raw.network as { allocations: { amount?: string }[] };
  // mixed: some operators keep full restaking, others allocate part of their stake
  if (mode === 'mixed') net.allocations.forEach((a, i) => i % 5 === 0 && (a.amount = '3'));
  // strong operator faults so that faulted and clamped operators (the corrections) are frequent
  raw.defaults = { ...(raw.defaults as object), operator: { faultProbability: 0.2, severity: { kind: 'uniform', min: 0.3, max: 0.9 } } };
  raw.services = (raw.services as object[]).map((s) => ({ ...s, faultProbability: 0.15 }));
  return scenarioOf(raw);
}

function withoutOverlap(m: CompiledModel): CompiledModel {
  return { ...m, overlapStart: new Int32Array(m.nSvc + 1), overlapSvc: new Int32Array(0), overlapStake: new Float64Array(0) };
}

for (const mode of ['elastic', 'unique', 'mixed'] as const) {
  test(`overlap pass equals the per-allocation pass (${mode})`, async () => {
    for (const seed of [1, 2]) {
      const sc = network(mode, seed);
      const m = compileModel(sc);
      if (mode !== 'unique') assert.ok(m.overlapStart[m.nSvc]! > 0, 'the shortcut is in use');
      const o = { scenarios: 4000, seed: 9, threads: 1, thresholds: sc.simulation.lossThresholds };
      const fast = await runMonteCarlo(m, o);
      const slow = await runMonteCarlo(withoutOverlap(m), o);
      assert.deepEqual(fast.totals, slow.totals);
      assert.deepEqual(fast.acc.ops, slow.acc.ops);
      assert.deepEqual(fast.acc.faultCount, slow.acc.faultCount);
      assert.deepEqual(fast.acc.svcs.nonzero, slow.acc.svcs.nonzero);
      const close = (a: Float64Array, b: Float64Array, what: string) =>
        a.forEach((x, i) => assert.ok(Math.abs(x - b[i]!) <= o.scenarios, `${what}[${i}]: ${x} vs ${b[i]}`));
      close(fast.acc.svcs.sumQ, slow.acc.svcs.sumQ, 'svcs.sumQ');
      close(fast.acc.contagion, slow.acc.contagion, 'contagion');
    }
  });
}
