import type { FaultScratch } from './faultScratch.js';
import type { CompiledModel, EntityTable } from './model.js';
import { normalCdf, upperCdfAt, upperIndex, upperLog1mAt } from './normal.js';
import { sampleSeverity } from './sampleSeverity.js';
import type { ScenarioStream } from './stream.js';

/**
 * Draws one scenario's faults. Factors first (one normal each), then every entity group:
 * conditional on the factors, members of a group fault independently with
 * p_i(Z) = Φ((t_i − a·Z)/s). Sparse mode visits only candidates: geometric skips at the group's
 * largest p (for loaded groups a tabulated upper bound of it), then thinning with probability
 * p_i/p_max (exact). Dense mode draws one uniform per
 * entity (the baseline). Both give the same distribution, not the same draws.
 */
export function sampleFaults(m: CompiledModel, s: ScenarioStream, f: FaultScratch, dense: boolean): void {
  for (let k = 0; k < m.nFactors; k++) f.z[k] = s.normal();
  const epoch = (f.epoch = (f.epoch + 1) | 0 || 1);
  f.nFiredSvc = sampleTable(m.services, s, f.z, f.firedSvc, f.svcSev, f.svcMark, epoch, dense);
  f.nFiredOp = sampleTable(m.operators, s, f.z, f.firedOp, f.opSev, f.opMark, epoch, dense);
  for (let k = 0; k < m.nFactors; k++) {
    const q = m.factorShockProbability[k]!;
    if (q > 0 && s.uniform() < q) {
      f.nFiredSvc = shock(m.services, k, s, f.firedSvc, f.svcSev, f.svcMark, epoch, f.nFiredSvc);
      f.nFiredOp = shock(m.operators, k, s, f.firedOp, f.opSev, f.opMark, epoch, f.nFiredOp);
    }
  }
}

/** Bernoulli mixture: the common shock of factor k happened; each member faults with its conditional probability. */
function shock(
  t: EntityTable,
  k: number,
  s: ScenarioStream,
  fired: Int32Array,
  sev: Float64Array,
  mark: Int32Array,
  epoch: number,
  n: number,
): number {
  for (let j = t.shockStart[k]!; j < t.shockStart[k + 1]!; j++) {
    const e = t.shockEntity[j]!;
    if (s.uniform() < t.shockProb[j]! && mark[e] !== epoch) n = fire(t, e, s, fired, sev, mark, epoch, n);
  }
  return n;
}

function sampleTable(
  t: EntityTable,
  s: ScenarioStream,
  z: Float64Array,
  fired: Int32Array,
  sev: Float64Array,
  mark: Int32Array,
  epoch: number,
  dense: boolean,
): number {
  let n = 0;
  const groups = t.groupScale.length;
  for (let g = 0; g < groups; g++) {
    const l0 = t.loadStart[g]!;
    const l1 = t.loadStart[g + 1]!;
    let az = 0;
    for (let l = l0; l < l1; l++) az += t.loadValue[l]! * (z[t.loadFactor[l]!] ?? 0);
    const scale = t.groupScale[g]!;
    const loaded = l1 > l0;
    const m0 = t.groupStart[g]!;
    const m1 = t.groupStart[g + 1]!;
    if (dense) {
      for (let i = m0; i < m1; i++) {
        const e = t.groupMembers[i]!;
        const p = loaded ? normalCdf((t.threshold[e]! - az) / scale) : t.probability[e]!;
        if (s.uniform() < p) n = fire(t, e, s, fired, sev, mark, epoch, n);
      }
      continue;
    }
    let pmax: number;
    let logq: number;
    let none: number;
    if (loaded) {
      const ui = upperIndex((t.groupMaxThreshold[g]! - az) / scale);
      pmax = upperCdfAt(ui);
      logq = upperLog1mAt(ui);
      none = ui >= 0 && t.groupNoCandidate.length > 0 ? t.groupNoCandidate[ui * groups + g]! : -1;
    } else {
      pmax = t.groupMaxProbability[g]!;
      logq = pmax < 1 ? Math.log1p(-pmax) : -Infinity;
      none = t.groupNoCandidateStatic[g]!;
    }
    if (!(pmax > 0)) continue;
    // members often share a threshold (then p_i(Z) too): Φ once per run of equal thresholds
    let lastThreshold = NaN;
    let lastP = 0;
    let i = m0 - 1;
    for (;;) {
      let skip = 0;
      if (pmax < 1) {
        const u = s.uniform();
        // The first skip reaches past the group iff u ≤ (1 − p_max)^n: one comparison, no logarithm.
        if (i < m0 && u <= none) break;
        skip = Math.floor(Math.log(u) / logq);
      }
      if (skip >= m1 - i - 1) break;
      i += 1 + skip;
      const e = t.groupMembers[i]!;
      if (loaded) {
        const te = t.threshold[e]!;
        if (te !== lastThreshold) ((lastThreshold = te), (lastP = normalCdf((te - az) / scale)));
        if (s.uniform() * pmax >= lastP) continue;
      } else if (t.probability[e]! < pmax && s.uniform() * pmax >= t.probability[e]!) continue;
      n = fire(t, e, s, fired, sev, mark, epoch, n);
    }
  }
  return n;
}

function fire(
  t: EntityTable,
  e: number,
  s: ScenarioStream,
  fired: Int32Array,
  sev: Float64Array,
  mark: Int32Array,
  epoch: number,
  n: number,
): number {
  mark[e] = epoch;
  const v = sampleSeverity(t.sevKind[e]!, t.sevP1[e] ?? 0, t.sevP2[e] ?? 0, t.sevP3[e] ?? 0, s);
  fired[n] = e;
  sev[e] = v;
  return n + 1;
}
