import { quantum, type Accumulator } from './accumulator.js';
import { clearFaults, newFaultScratch, type FaultScratch } from './faultScratch.js';
import type { BaseLayerModel, CompiledModel } from './model.js';
import { LossBatch } from './lossBatch.js';
import { sampleSeverity } from './sampleSeverity.js';
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
  /**
   * One record of opRecord doubles per operator (op[o · opRecord + field]): what a scenario reads
   * and writes of an operator sits in one cache line instead of one line in each of eight arrays
   * (about 100 operators are reached per scenario, at random).
   */
  readonly op: Float64Array;
  readonly svcStamp: Int32Array;
  readonly touched: Int32Array;
  readonly touchedSvc: Int32Array;
  readonly secLoss: Float64Array;
  readonly posLoss: Float64Array;
  /** Operator and service loss fractions on their way into the accumulator (folded in entity order). */
  readonly opBatch: LossBatch;
  readonly svcBatch: LossBatch;
  nt: number;
  ns: number;
  total: number;
  anyPos: boolean;
}

/** Fields of an operator record: scenario stamp, Σ w σ_s (lin), Σ d (sum), σ_o, then the model's stake, exposure, Σ w, full flag. */
const opRecord = 8;
const fStamp = 0;
const fLin = 1;
const fSum = 2;
const fSev = 3;
const fStake = 4;
const fExposure = 5;
const fAllocSum = 6;
const fFull = 7;

function newOpRecords(m: CompiledModel): Float64Array {
  const op = new Float64Array(opRecord * m.nOps);
  for (let o = 0; o < m.nOps; o++) {
    const r = o * opRecord;
    op[r + fStamp] = -1;
    op[r + fStake] = m.opStake[o]!;
    op[r + fExposure] = m.opExposure[o]!;
    op[r + fAllocSum] = m.opAllocSum[o]!;
    op[r + fFull] = m.opFull[o]!;
  }
  return op;
}

function newLossScratch(m: CompiledModel, acc: Accumulator): LossScratch {
  return {
    op: newOpRecords(m),
    svcStamp: new Int32Array(m.nSvc).fill(-1),
    touched: new Int32Array(m.nOps),
    touchedSvc: new Int32Array(m.nSvc),
    secLoss: new Float64Array(m.nSvc),
    posLoss: new Float64Array(m.nPos),
    opBatch: new LossBatch(acc.ops, acc.thresholds),
    svcBatch: new LossBatch(acc.svcs, acc.thresholds),
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
  const w = newLossScratch(m, acc);
  const chunk = 8192;
  const offset = out.offset ?? 0;
  for (let i = start; i < end; i++) {
    stream.reset(i);
    sampleFaults(m, stream, f, dense);
    if (dense) denseSums(m, f, w);
    else sparseSums(m, f, w, i);
    operatorLosses(m, f, w, i, !dense && m.overlapStart[m.nSvc]! > 0);
    // drawn after every fault of the scenario, so scenarios without native positions draw as before
    if (m.baseLayer) baseLayerLosses(m.baseLayer, m.posValue, stream, w);
    serviceLosses(m, f, w, acc);
    out.totals[i - offset] = w.total;
    if (w.anyPos) lookThrough(m, w.posLoss, out, i - offset);
    clearFaults(f);
    if (onChunk && (i + 1 - start) % chunk === 0) onChunk(chunk);
  }
  w.opBatch.finish();
  w.svcBatch.finish();
  if (onChunk) onChunk((end - start) % chunk);
}

/** Dense baseline: every operator, every allocation. */
function denseSums(m: CompiledModel, f: FaultScratch, w: LossScratch): void {
  for (let o = 0; o < m.nOps; o++) {
    w.touched[o] = o;
    const so = f.opSev[o]!;
    let sum = 0;
    for (let e = m.opEdgeStart[o]!; e < m.opEdgeStart[o + 1]!; e++) sum += m.edgeAmt[e]! * (1 - (1 - so) * (1 - f.svcSev[m.edgeSvc[e]!]!));
    w.op[o * opRecord + fSum] = sum;
    w.op[o * opRecord + fSev] = so;
  }
  w.nt = m.nOps;
}

/**
 * Σ_e w_e (1 − (1 − σ_o)(1 − σ_s)) = σ_o Σ_e w_e + Σ_{fired s} w_os σ_s (1 − σ_o): visits the
 * fired operators and the allocations of fired services only.
 */
function sparseSums(m: CompiledModel, f: FaultScratch, w: LossScratch, i: number): void {
  const { op, touched } = w;
  const { svcEdgeStart, svcEdgeOp, svcEdgeAmt } = m;
  const opSev = f.opSev;
  let nt = 0;
  for (let k = 0; k < f.nFiredOp; k++) {
    const o = f.firedOp[k]!;
    const r = o * opRecord;
    if (op[r + fStamp] !== i) ((op[r + fStamp] = i), (touched[nt++] = o), (op[r + fSum] = 0), (op[r + fLin] = 0));
    op[r + fSev] = opSev[o]!;
    op[r + fSum] = op[r + fSum]! + op[r + fAllocSum]! * opSev[o]!;
  }
  for (let k = 0; k < f.nFiredSvc; k++) {
    const s = f.firedSvc[k]!;
    const ss = f.svcSev[s]!;
    const e1 = svcEdgeStart[s + 1]!;
    for (let e = svcEdgeStart[s]!; e < e1; e++) {
      const o = svcEdgeOp[e]!;
      const r = o * opRecord;
      if (op[r + fStamp] !== i) ((op[r + fStamp] = i), (touched[nt++] = o), (op[r + fSum] = 0), (op[r + fLin] = 0), (op[r + fSev] = 0));
      const d = svcEdgeAmt[e]! * ss;
      op[r + fSum] = op[r + fSum]! + d * (1 - op[r + fSev]!);
      op[r + fLin] = op[r + fLin]! + d;
    }
  }
  w.nt = nt;
}

/**
 * Operator loss L = min(S, Σ d); stake still securing t is min(w − d, S − L) (elastic clamp; equal
 * to w − d in unique mode), so the security lost on t is w − that. Feeds positions too.
 * Hot loop: arrays are read into locals once, and the position look-ups are skipped when the
 * model holds no positions on allocations (the common case), so V8 keeps the loop tight.
 */
function operatorLosses(m: CompiledModel, f: FaultScratch, w: LossScratch, i: number, overlap: boolean): void {
  const { touched, svcStamp, touchedSvc, secLoss, op, posLoss, opBatch } = w;
  const { opEdgeStart, edgeAmt, edgeSvc, edgePosStart } = m;
  const svcSev = f.svcSev;
  const edgePositions = edgePosStart[edgePosStart.length - 1]! > 0;
  const opPositions = m.opPosStart[m.opPosStart.length - 1]! > 0;
  let total = 0;
  let ns = 0;
  let anyPos = false;
  for (let k = 0; k < w.nt; k++) {
    const o = touched[k]!;
    const r = o * opRecord;
    const sum = op[r + fSum]!;
    if (!(sum > 0)) continue;
    const keep = 1 - op[r + fSev]!;
    const stake = op[r + fStake]!;
    const loss = sum < stake ? sum : stake;
    const rem = stake - loss;
    const e1 = opEdgeStart[o + 1]!;
    if (overlap && op[r + fFull] === 1) {
      // full restaking: every allocation loses L_o; the overlap rows add the linear part
      // S_o Σσ_s, so only an operator that faulted itself or is clamped needs a correction
      const corr = loss - op[r + fLin]!;
      if (corr !== 0) {
        for (let e = opEdgeStart[o]!; e < e1; e++) {
          const s = edgeSvc[e]!;
          if (svcStamp[s] !== i) {
            svcStamp[s] = i;
            touchedSvc[ns++] = s;
            secLoss[s] = corr;
          } else secLoss[s] = secLoss[s]! + corr;
        }
      }
    } else {
      for (let e = opEdgeStart[o]!; e < e1; e++) {
        const a = edgeAmt[e]!;
        const s = edgeSvc[e]!;
        const left = a * keep * (1 - svcSev[s]!);
        const sl = a - (left < rem ? left : rem);
        if (sl > 0) {
          if (svcStamp[s] !== i) {
            svcStamp[s] = i;
            touchedSvc[ns++] = s;
            secLoss[s] = sl;
          } else secLoss[s] = secLoss[s]! + sl;
        }
      }
    }
    if (edgePositions) anyPos = edgePositionLosses(m, o, keep, svcSev, loss / sum, posLoss) || anyPos;
    opBatch.add(o, loss / op[r + fExposure]!);
    total += loss;
    if (opPositions) {
      for (let h = m.opPosStart[o]!; h < m.opPosStart[o + 1]!; h++) {
        const p = m.opPosIdx[h]!;
        posLoss[p] = posLoss[p]! + m.opPosWeight[h]! * loss;
        anyPos = true;
      }
    }
  }
  if (overlap) ns = overlapLosses(m, f, w, i, ns);
  w.ns = ns;
  w.total = total;
  w.anyPos = anyPos;
}

/**
 * The base layer: one draw for the beacon-chain event, then one per native position (hit or not,
 * so the stream stays aligned) and a severity per hit. A staker's pod is hit or not: it loses
 * severity × its native stake. A pooled position (vault, LRT: many pods) loses, in an event, the
 * hit fraction of its native stake times the severity (its own pods' idiosyncratic slashes are
 * diversified away). The loss is added to the position's own loss up to its value (the beacon
 * chain burns first; adding the two is conservative where an AVS slash also took the same ETH).
 * Network totals count AVS slashes only.
 */
function baseLayerLosses(b: BaseLayerModel, posValue: Float64Array, s: ScenarioStream, w: LossScratch): void {
  const event = s.uniform() < b.probability;
  const p = event ? 1 - (1 - b.hit) * (1 - b.idiosyncratic) : b.idiosyncratic;
  const { posLoss } = w;
  for (let k = 0; k < b.positions.length; k++) {
    const pooled = b.pooled[k] === 1;
    const hit = s.uniform() < p;
    if (pooled ? !event : !hit) continue;
    const i = b.positions[k]!;
    const loss = b.native[k]! * (pooled ? b.hit : 1) * sampleSeverity(b.sevKind, b.sevP1, b.sevP2, b.sevP3, s);
    const room = posValue[i]! - posLoss[i]!;
    posLoss[i] = posLoss[i]! + (loss < room ? loss : room > 0 ? room : 0);
    w.anyPos = true;
  }
}

/** Σ_{fired s} σ_s · overlap[s][t] into the security loss of each service t (see compileOverlap). */
function overlapLosses(m: CompiledModel, f: FaultScratch, w: LossScratch, i: number, ns: number): number {
  const { svcStamp, touchedSvc, secLoss } = w;
  const { overlapStart, overlapSvc, overlapStake } = m;
  for (let k = 0; k < f.nFiredSvc; k++) {
    const s = f.firedSvc[k]!;
    const ss = f.svcSev[s]!;
    if (!(ss > 0)) continue;
    const x1 = overlapStart[s + 1]!;
    for (let x = overlapStart[s]!; x < x1; x++) {
      const t = overlapSvc[x]!;
      const v = ss * overlapStake[x]!;
      if (svcStamp[t] !== i) {
        svcStamp[t] = i;
        touchedSvc[ns++] = t;
        secLoss[t] = v;
      } else secLoss[t] = secLoss[t]! + v;
    }
  }
  return ns;
}

/** Losses of positions held on operator o's allocations: weight × slashed edge stake × L_o / Σ d. */
function edgePositionLosses(
  m: CompiledModel,
  o: number,
  keep: number,
  svcSev: Float64Array,
  attributed: number,
  posLoss: Float64Array,
): boolean {
  let any = false;
  for (let e = m.opEdgeStart[o]!; e < m.opEdgeStart[o + 1]!; e++) {
    const a = m.edgeAmt[e]!;
    const left = a * keep * (1 - svcSev[m.edgeSvc[e]!]!);
    for (let h = m.edgePosStart[e]!; h < m.edgePosStart[e + 1]!; h++) {
      const p = m.edgePosIdx[h]!;
      posLoss[p] = posLoss[p]! + m.edgePosWeight[h]! * (a - left) * attributed;
      any = true;
    }
  }
  return any;
}

/** Service security-loss statistics and the contagion rows of the services that faulted. */
function serviceLosses(m: CompiledModel, f: FaultScratch, w: LossScratch, acc: Accumulator): void {
  const { touchedSvc, secLoss } = w;
  // keep the services that lost security (sums of corrections can cancel to zero or round below it)
  let ns = 0;
  for (let k = 0; k < w.ns; k++) {
    const t = touchedSvc[k]!;
    if (secLoss[t]! > 0) touchedSvc[ns++] = t;
  }
  for (let k = 0; k < ns; k++) {
    const t = touchedSvc[k]!;
    secLoss[t] = secLoss[t]! / m.svcStake[t]!;
    w.svcBatch.add(t, secLoss[t]!);
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
