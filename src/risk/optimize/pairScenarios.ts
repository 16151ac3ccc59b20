import { clearFaults, newFaultScratch } from '../montecarlo/faultScratch.js';
import type { CompiledModel } from '../montecarlo/model.js';
import { sampleFaults } from '../montecarlo/sampleFaults.js';
import { ScenarioStream } from '../montecarlo/stream.js';

/**
 * Samples K scenarios of loss fractions for candidate (operator, service) pairs:
 * ρ_jk = 1 − (1 − σ_o)(1 − σ_s) when operator o and/or service s faulted in scenario k
 * (stake a vault allocates to s through o is slashable by s only). Sparse lists per scenario.
 */
export function pairScenarios(
  m: CompiledModel,
  pairOp: readonly number[],
  pairSvc: readonly number[],
  seed: number,
  K: number,
): [number, number][][] {
  const byOp = new Map<number, number[]>();
  const bySvc = new Map<number, number[]>();
  pairOp.forEach((o, j) => byOp.set(o, [...(byOp.get(o) ?? []), j]));
  pairSvc.forEach((s, j) => bySvc.set(s, [...(bySvc.get(s) ?? []), j]));
  const stream = new ScenarioStream(seed);
  const f = newFaultScratch(m);
  const out: [number, number][][] = [];
  for (let k = 0; k < K; k++) {
    stream.reset(k);
    sampleFaults(m, stream, f, false);
    const hit = new Set<number>();
    for (let i = 0; i < f.nFiredOp; i++) for (const j of byOp.get(f.firedOp[i]!) ?? []) hit.add(j);
    for (let i = 0; i < f.nFiredSvc; i++) for (const j of bySvc.get(f.firedSvc[i]!) ?? []) hit.add(j);
    const row: [number, number][] = [];
    for (const j of [...hit].sort((a, b) => a - b)) {
      const r = 1 - (1 - f.opSev[pairOp[j]!]!) * (1 - f.svcSev[pairSvc[j]!]!);
      if (r > 0) row.push([j, r]);
    }
    out.push(row);
    clearFaults(f);
  }
  return out;
}
