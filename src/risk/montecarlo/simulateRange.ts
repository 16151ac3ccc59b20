import { addLoss, quantum, type Accumulator } from './accumulator.js';
import { clearFaults, newFaultScratch } from './faultScratch.js';
import type { CompiledModel } from './model.js';
import { sampleFaults } from './sampleFaults.js';
import { ScenarioStream } from './stream.js';

export interface RangeOutput {
  /** Total loss of scenario i at totals[i] (global index). */
  readonly totals: Float64Array;
  /** Loss of position p in scenario i at positions[p * scenarios + i]. */
  readonly positions: Float64Array;
  readonly scenarios: number;
}

/**
 * Runs scenarios [start, end) into `acc` and `out`. Sparse mode touches only the operators and
 * services reached by a fault; dense mode (the benchmark baseline) walks every operator, edge
 * and service in every scenario.
 */
export function simulateRange(
  m: CompiledModel,
  seed: number,
  start: number,
  end: number,
  acc: Accumulator,
  out: RangeOutput,
  dense: boolean,
  onChunk?: (done: number) => void,
): void {
  const stream = new ScenarioStream(seed);
  const f = newFaultScratch(m);
  const stamp = new Int32Array(m.nOps).fill(-1);
  const svcStamp = new Int32Array(m.nSvc).fill(-1);
  const touched = new Int32Array(m.nOps);
  const touchedSvc = new Int32Array(m.nSvc);
  const secLoss = new Float64Array(m.nSvc);
  const opSum = new Float64Array(m.nOps);
  const posLoss = new Float64Array(m.nPos);
  const chunk = 8192;
  for (let i = start; i < end; i++) {
    stream.reset(i);
    sampleFaults(m, stream, f, dense);
    let nt = 0;
    if (dense) {
      for (let o = 0; o < m.nOps; o++) {
        touched[nt++] = o;
        const so = f.opSev[o]!;
        let sum = 0;
        for (let e = m.opEdgeStart[o]!; e < m.opEdgeStart[o + 1]!; e++) sum += m.edgeAmt[e]! * (1 - (1 - so) * (1 - f.svcSev[m.edgeSvc[e]!]!));
        opSum[o] = sum;
      }
    } else {
      // Σ_e w_e (1 − (1 − σ_o)(1 − σ_s)) = σ_o Σ_e w_e + Σ_{fired s} w_os σ_s (1 − σ_o), visiting fired services' edges only.
      for (let k = 0; k < f.nFiredOp; k++) {
        const o = f.firedOp[k]!;
        if (stamp[o] !== i) ((stamp[o] = i), (touched[nt++] = o), (opSum[o] = 0));
        opSum[o] = opSum[o]! + m.opAllocSum[o]! * f.opSev[o]!;
      }
      for (let k = 0; k < f.nFiredSvc; k++) {
        const s = f.firedSvc[k]!;
        const ss = f.svcSev[s]!;
        for (let e = m.svcEdgeStart[s]!; e < m.svcEdgeStart[s + 1]!; e++) {
          const o = m.svcEdgeOp[e]!;
          if (stamp[o] !== i) ((stamp[o] = i), (touched[nt++] = o), (opSum[o] = 0));
          opSum[o] = opSum[o]! + m.svcEdgeAmt[e]! * ss * (1 - f.opSev[o]!);
        }
      }
    }
    let total = 0;
    let ns = 0;
    let anyPos = false;
    for (let k = 0; k < nt; k++) {
      const o = touched[k]!;
      const so = f.opSev[o]!;
      const e0 = m.opEdgeStart[o]!;
      const e1 = m.opEdgeStart[o + 1]!;
      const sum = opSum[o]!;
      if (!(sum > 0)) continue;
      const stake = m.opStake[o]!;
      const loss = sum < stake ? sum : stake;
      const rem = stake - loss;
      for (let e = e0; e < e1; e++) {
        const w = m.edgeAmt[e]!;
        const left = w * (1 - so) * (1 - f.svcSev[m.edgeSvc[e]!]!);
        const sl = w - (left < rem ? left : rem);
        if (sl > 0) {
          const s = m.edgeSvc[e]!;
          if (svcStamp[s] !== i) ((svcStamp[s] = i), (touchedSvc[ns++] = s), (secLoss[s] = 0));
          secLoss[s] = secLoss[s]! + sl;
        }
      }
      addLoss(acc.ops, acc.thresholds, o, loss / m.opExposure[o]!);
      total += loss;
      for (let h = m.opPosStart[o]!; h < m.opPosStart[o + 1]!; h++) {
        const p = m.opPosIdx[h]!;
        posLoss[p] = posLoss[p]! + m.opPosWeight[h]! * loss;
        anyPos = true;
      }
    }
    for (let k = 0; k < ns; k++) {
      const t = touchedSvc[k]!;
      secLoss[t] = secLoss[t]! / m.svcStake[t]!;
      addLoss(acc.svcs, acc.thresholds, t, secLoss[t]!);
    }
    for (let j = 0; j < f.nFiredSvc; j++) {
      const s = f.firedSvc[j]!;
      acc.faultCount[s] = acc.faultCount[s]! + 1;
      const row = s * m.nSvc;
      for (let k = 0; k < ns; k++) {
        const t = touchedSvc[k]!;
        acc.contagion[row + t] = acc.contagion[row + t]! + Math.round(secLoss[t]! * quantum);
      }
    }
    out.totals[i] = total;
    if (anyPos) lookThrough(m, posLoss, out, i);
    clearFaults(f);
    if (onChunk && (i + 1 - start) % chunk === 0) onChunk(chunk);
  }
  if (onChunk) onChunk((end - start) % chunk);
}

/** Positions in dependency order: own operator losses + shares of held positions + claims paid. */
function lookThrough(m: CompiledModel, posLoss: Float64Array, out: RangeOutput, i: number): void {
  const n = out.scenarios;
  for (let p = 0; p < m.nPos; p++) {
    let l = posLoss[p]!;
    for (let c = m.posChildStart[p]!; c < m.posChildStart[p + 1]!; c++) {
      l += m.posChildShare[c]! * (out.positions[m.posChild[c]! * n + i] ?? 0);
    }
    let claims = 0;
    for (let c = m.posCoverStart[p]!; c < m.posCoverStart[p + 1]!; c++) {
      const covered = out.positions[m.coverPos[c]! * n + i] ?? 0;
      claims += Math.min(m.coverLimit[c]!, Math.max(0, covered - m.coverDeductible[c]!));
    }
    l += Math.min(m.posCapital[p]!, claims);
    out.positions[p * n + i] = l;
    posLoss[p] = 0;
  }
}
