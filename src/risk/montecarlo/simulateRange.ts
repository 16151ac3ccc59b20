import { addLoss, quantum, type Accumulator } from './accumulator.js';
import { clearFaults, newFaultScratch, type FaultScratch } from './faultScratch.js';
import type { CompiledModel } from './model.js';
import { sampleFaults } from './sampleFaults.js';
import { ScenarioStream } from './stream.js';

export interface RangeOutput {
  /** Total loss of scenario i at totals[i] (global index). */
  readonly totals: Float64Array;
  /** Loss of position p in scenario i at positions[p * scenarios + i]. */
  readonly positions: Float64Array;
  readonly scenarios: number;
  /** Global index of totals[0] (a shard's own arrays start at its range; default 0: the whole run). */
  readonly offset?: number;
}

/** Per-thread scratch of the loss pass (stamps avoid clearing between scenarios). */
interface LossScratch {
  readonly stamp: Int32Array;
  readonly svcStamp: Int32Array;
  readonly touched: Int32Array;
  readonly touchedSvc: Int32Array;
  readonly secLoss: Float64Array;
  readonly opSum: Float64Array;
  readonly posLoss: Float64Array;
  nt: number;
  ns: number;
  total: number;
  anyPos: boolean;
}

function newLossScratch(m: CompiledModel): LossScratch {
  return {
    stamp: new Int32Array(m.nOps).fill(-1),
    svcStamp: new Int32Array(m.nSvc).fill(-1),
    touched: new Int32Array(m.nOps),
    touchedSvc: new Int32Array(m.nSvc),
    secLoss: new Float64Array(m.nSvc),
    opSum: new Float64Array(m.nOps),
    posLoss: new Float64Array(m.nPos),
    nt: 0,
    ns: 0,
    total: 0,
    anyPos: false,
  };
}

/**
 * Runs scenarios [start, end) into `acc` and `out` (scenario i at out index i − offset). Sparse mode touches only the operators and
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
  const w = newLossScratch(m);
  const chunk = 8192;
  const offset = out.offset ?? 0;
  for (let i = start; i < end; i++) {
    stream.reset(i);
    sampleFaults(m, stream, f, dense);
    if (dense) denseSums(m, f, w);
    else sparseSums(m, f, w, i);
    operatorLosses(m, f, w, acc, i);
    serviceLosses(m, f, w, acc);
    out.totals[i - offset] = w.total;
    if (w.anyPos) lookThrough(m, w.posLoss, out, i - offset);
    clearFaults(f);
    if (onChunk && (i + 1 - start) % chunk === 0) onChunk(chunk);
  }
  if (onChunk) onChunk((end - start) % chunk);
}

/** Dense baseline: every operator, every allocation. */
function denseSums(m: CompiledModel, f: FaultScratch, w: LossScratch): void {
  for (let o = 0; o < m.nOps; o++) {
    w.touched[o] = o;
    const so = f.opSev[o]!;
    let sum = 0;
    for (let e = m.opEdgeStart[o]!; e < m.opEdgeStart[o + 1]!; e++) sum += m.edgeAmt[e]! * (1 - (1 - so) * (1 - f.svcSev[m.edgeSvc[e]!]!));
    w.opSum[o] = sum;
  }
  w.nt = m.nOps;
}

/**
 * Σ_e w_e (1 − (1 − σ_o)(1 − σ_s)) = σ_o Σ_e w_e + Σ_{fired s} w_os σ_s (1 − σ_o): visits the
 * fired operators and the allocations of fired services only.
 */
function sparseSums(m: CompiledModel, f: FaultScratch, w: LossScratch, i: number): void {
  const { stamp, touched, opSum } = w;
  let nt = 0;
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
  w.nt = nt;
}

/**
 * Operator loss L = min(S, Σ d); stake still securing t is min(w − d, S − L) (elastic clamp; equal
 * to w − d in unique mode), so the security lost on t is w − that. Feeds positions too.
 */
function operatorLosses(m: CompiledModel, f: FaultScratch, w: LossScratch, acc: Accumulator, i: number): void {
  const { touched, svcStamp, touchedSvc, secLoss, opSum, posLoss } = w;
  let total = 0;
  let ns = 0;
  let anyPos = false;
  for (let k = 0; k < w.nt; k++) {
    const o = touched[k]!;
    const sum = opSum[o]!;
    if (!(sum > 0)) continue;
    const so = f.opSev[o]!;
    const stake = m.opStake[o]!;
    const loss = sum < stake ? sum : stake;
    const rem = stake - loss;
    // the operator's loss attributed to its allocations: d_os × L_o / Σ d (1 unless slashes exceed the stake)
    const attributed = loss / sum;
    for (let e = m.opEdgeStart[o]!; e < m.opEdgeStart[o + 1]!; e++) {
      const a = m.edgeAmt[e]!;
      const s = m.edgeSvc[e]!;
      const left = a * (1 - so) * (1 - f.svcSev[s]!);
      const sl = a - (left < rem ? left : rem);
      if (sl > 0) {
        if (svcStamp[s] !== i) ((svcStamp[s] = i), (touchedSvc[ns++] = s), (secLoss[s] = 0));
        secLoss[s] = secLoss[s]! + sl;
      }
      for (let h = m.edgePosStart[e]!; h < m.edgePosStart[e + 1]!; h++) {
        const p = m.edgePosIdx[h]!;
        posLoss[p] = posLoss[p]! + m.edgePosWeight[h]! * (a - left) * attributed;
        anyPos = true;
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
  w.ns = ns;
  w.total = total;
  w.anyPos = anyPos;
}

/** Service security-loss statistics and the contagion rows of the services that faulted. */
function serviceLosses(m: CompiledModel, f: FaultScratch, w: LossScratch, acc: Accumulator): void {
  const { touchedSvc, secLoss, ns } = w;
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
