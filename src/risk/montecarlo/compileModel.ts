import type { EntityFault, Scenario } from '../scenario/scenario.js';
import type { BaseLayerModel, CompiledModel, EntityTable } from './model.js';
import { gridN, normalQuantile, upperLog1mAt } from './normal.js';
import { severityKind } from './sampleSeverity.js';
import { compileOverlap } from './compileOverlap.js';

/** Largest no-candidate table (doubles) built per entity table. */
export const noCandidateCellsMax = 4_000_000;

/** Compiles a validated scenario into the typed-array model the Monte Carlo kernels run on. */
export function compileModel(scenario: Scenario): CompiledModel {
  const net = scenario.network;
  const nOps = net.operators.length;
  const nSvc = net.services.length;
  const opStake = Float64Array.from(net.operators, (o) => o.stake.toNumber());
  const byOp = operatorEdges(scenario.network);
  const { opEdgeStart, edgeSvc, edgeAmt, svcStake, svcCount, opExposure } = packOperatorEdges(byOp, nSvc, opStake);
  const { svcEdgeStart, svcEdgeOp, svcEdgeAmt, opAllocSum } = packServiceEdges(svcCount, opEdgeStart, edgeSvc, edgeAmt);
  return {
    nOps,
    nSvc,
    nFactors: scenario.factors.length,
    nPos: scenario.positions.length,
    factorShockProbability: Float64Array.from(scenario.factors, (f) => f.shockProbability ?? 0),
    opStake,
    opExposure,
    opEdgeStart,
    edgeSvc,
    edgeAmt,
    svcStake,
    svcEdgeStart,
    svcEdgeOp,
    svcEdgeAmt,
    opAllocSum,
    services: compileEntities(scenario.services, scenario.factors.length),
    operators: compileEntities(scenario.operators, scenario.factors.length),
    ...compilePositions(scenario, opStake, opEdgeStart, edgeSvc, edgeAmt),
    ...compileOverlap(nSvc, opStake, opEdgeStart, edgeSvc, edgeAmt),
    baseLayer: compileBaseLayer(scenario),
  };
}

/** Each operator's positive allocations as (service index, amount), in the network's order. */
function operatorEdges(net: Scenario['network']): { s: number; a: number }[][] {
  const opIdx = new Map(net.operators.map((o, i) => [o.id, i]));
  const svcIdx = new Map(net.services.map((s, i) => [s.id, i]));
  const byOp: { s: number; a: number }[][] = net.operators.map(() => []);
  for (const a of net.allocations) {
    const o = opIdx.get(a.operator) ?? -1;
    const s = svcIdx.get(a.service) ?? -1;
    const amt = a.amount.toNumber();
    if (o >= 0 && s >= 0 && amt > 0) byOp[o]?.push({ s, a: amt });
  }
  return byOp;
}

/** Operator-major edge arrays (each operator's edges by service index), service stakes and edge counts, exposures. */
function packOperatorEdges(byOp: { s: number; a: number }[][], nSvc: number, opStake: Float64Array) {
  const nOps = byOp.length;
  const opEdgeStart = new Int32Array(nOps + 1);
  byOp.forEach((l, o) => (opEdgeStart[o + 1] = (opEdgeStart[o] ?? 0) + l.length));
  const nEdges = opEdgeStart[nOps] ?? 0;
  const edgeSvc = new Int32Array(nEdges);
  const edgeAmt = new Float64Array(nEdges);
  const svcStake = new Float64Array(nSvc);
  const svcCount = new Int32Array(nSvc + 1);
  const opExposure = new Float64Array(nOps);
  byOp.forEach((l, o) => {
    let e = opEdgeStart[o] ?? 0;
    let sum = 0;
    for (const { s, a } of l.sort((x, y) => x.s - y.s)) {
      edgeSvc[e] = s;
      edgeAmt[e++] = a;
      svcStake[s] = (svcStake[s] ?? 0) + a;
      svcCount[s + 1] = (svcCount[s + 1] ?? 0) + 1;
      sum += a;
    }
    opExposure[o] = Math.min(opStake[o] ?? 0, sum);
  });
  return { opEdgeStart, edgeSvc, edgeAmt, svcStake, svcCount, opExposure };
}

/** Service-major copies of the edges (operators in increasing order within a service) and each operator's allocated
 *  sum; `svcCount` (edges per service, shifted by one) becomes the prefix sums in place. */
function packServiceEdges(svcCount: Int32Array, opEdgeStart: Int32Array, edgeSvc: Int32Array, edgeAmt: Float64Array) {
  const nSvc = svcCount.length - 1;
  const nOps = opEdgeStart.length - 1;
  for (let s = 0; s < nSvc; s++) svcCount[s + 1] = (svcCount[s + 1] ?? 0) + (svcCount[s] ?? 0);
  const svcEdgeStart = svcCount.slice();
  const fill = svcCount.slice();
  const svcEdgeOp = new Int32Array(edgeSvc.length);
  const svcEdgeAmt = new Float64Array(edgeSvc.length);
  const opAllocSum = new Float64Array(nOps);
  for (let o = 0; o < nOps; o++) {
    for (let e = opEdgeStart[o] ?? 0; e < (opEdgeStart[o + 1] ?? 0); e++) {
      const s = edgeSvc[e] ?? 0;
      opAllocSum[o] = (opAllocSum[o] ?? 0) + (edgeAmt[e] ?? 0);
      svcEdgeAmt[fill[s] ?? 0] = edgeAmt[e] ?? 0;
      svcEdgeOp[fill[s] ?? 0] = o;
      fill[s] = (fill[s] ?? 0) + 1;
    }
  }
  return { svcEdgeStart, svcEdgeOp, svcEdgeAmt, opAllocSum };
}

/** The base layer over the positions with native stake (null without any). */
function compileBaseLayer(scenario: Scenario): BaseLayerModel | null {
  const b = scenario.baseLayer;
  const idx = scenario.positions.flatMap((p, i) => ((p.native ?? 0) > 0 ? [i] : []));
  if (!b || idx.length === 0) return null;
  const sev = b.severity;
  return {
    probability: b.probability,
    hit: b.faultProbability,
    idiosyncratic: b.idiosyncraticProbability,
    sevKind: severityKind[sev.kind],
    sevP1: sev.kind === 'fixed' ? sev.value : sev.kind === 'uniform' ? sev.min : sev.alpha,
    sevP2: sev.kind === 'uniform' ? sev.max : sev.kind === 'beta' ? sev.beta : 0,
    sevP3: sev.kind === 'beta' ? sev.scale : 0,
    positions: Int32Array.from(idx),
    native: Float64Array.from(idx, (i) => scenario.positions[i]?.native ?? 0),
    pooled: Uint8Array.from(idx, (i) => (scenario.positions[i]?.kind === 'vault' || scenario.positions[i]?.kind === 'lrt' ? 1 : 0)),
  };
}

function compileEntities(list: readonly EntityFault[], nFactors: number): EntityTable {
  const n = list.length;
  const groups = new Map<string, number[]>();
  list.forEach((e, i) => {
    const key = e.loadings.map((l) => `${l.factor}:${l.loading}`).join(',');
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const byFactor: { e: number; p: number }[][] = Array.from({ length: nFactors }, () => []);
  list.forEach((e, i) => e.shocks.forEach((x) => byFactor[x.factor]?.push({ e: i, p: x.probability })));
  const shockStart = new Int32Array(nFactors + 1);
  byFactor.forEach((l, k) => (shockStart[k + 1] = (shockStart[k] ?? 0) + l.length));
  const t: EntityTable = {
    count: n,
    shockStart,
    shockEntity: Int32Array.from(byFactor.flat(), (x) => x.e),
    shockProb: Float64Array.from(byFactor.flat(), (x) => x.p),
    threshold: Float64Array.from(list, (e) => normalQuantile(e.faultProbability)),
    probability: Float64Array.from(list, (e) => e.faultProbability),
    sevKind: Uint8Array.from(list, (e) => severityKind[e.severity.kind]),
    sevP1: Float64Array.from(list, (e) =>
      e.severity.kind === 'fixed' ? e.severity.value : e.severity.kind === 'uniform' ? e.severity.min : e.severity.alpha,
    ),
    sevP2: Float64Array.from(list, (e) =>
      e.severity.kind === 'uniform' ? e.severity.max : e.severity.kind === 'beta' ? e.severity.beta : 0,
    ),
    sevP3: Float64Array.from(list, (e) => (e.severity.kind === 'beta' ? e.severity.scale : 0)),
    groupStart: new Int32Array(groups.size + 1),
    groupMembers: new Int32Array(n),
    groupMaxThreshold: new Float64Array(groups.size),
    groupMaxProbability: new Float64Array(groups.size),
    groupScale: new Float64Array(groups.size),
    groupNoCandidate: new Float64Array(groups.size * gridN <= noCandidateCellsMax ? groups.size * gridN : 0),
    groupNoCandidateStatic: new Float64Array(groups.size),
    loadStart: new Int32Array(groups.size + 1),
    loadFactor: new Int32Array([...groups.values()].reduce((s, m) => s + (list[m[0] ?? 0]?.loadings.length ?? 0), 0)),
    loadValue: new Float64Array([...groups.values()].reduce((s, m) => s + (list[m[0] ?? 0]?.loadings.length ?? 0), 0)),
  };
  let g = 0;
  let pos = 0;
  let lpos = 0;
  for (const members of groups.values()) {
    members.sort((a, b) => (list[b]?.faultProbability ?? 0) - (list[a]?.faultProbability ?? 0) || a - b);
    for (const m of members) t.groupMembers[pos++] = m;
    t.groupStart[g + 1] = pos;
    const first = members[0] ?? 0;
    t.groupMaxThreshold[g] = t.threshold[first] ?? -Infinity;
    t.groupMaxProbability[g] = t.probability[first] ?? 0;
    const loads = list[first]?.loadings ?? [];
    let sq = 0;
    for (const l of loads) {
      t.loadFactor[lpos] = l.factor;
      t.loadValue[lpos++] = l.loading;
      sq += l.loading * l.loading;
    }
    t.loadStart[g + 1] = lpos;
    t.groupScale[g] = Math.sqrt(1 - sq);
    const n = members.length;
    const pmax = t.groupMaxProbability[g] ?? 0;
    t.groupNoCandidateStatic[g] = pmax >= 1 ? 0 : Math.exp(n * Math.log1p(-pmax));
    if (t.groupNoCandidate.length > 0) {
      for (let i = 0; i < gridN; i++) t.groupNoCandidate[i * groups.size + g] = Math.exp(n * upperLog1mAt(i));
    }
    g++;
  }
  return t;
}

function compilePositions(scenario: Scenario, opStake: Float64Array, opEdgeStart: Int32Array, edgeSvc: Int32Array, edgeAmt: Float64Array) {
  const ps = scenario.positions;
  const nOps = opStake.length;
  const perOp: { p: number; w: number }[][] = Array.from({ length: nOps }, () => []);
  // allocation holdings by edge, sparse (most edges have none)
  const perEdge = new Map<number, { p: number; w: number }[]>();
  const edgeOf = (o: number, s: number): number => {
    for (let e = opEdgeStart[o] ?? 0; e < (opEdgeStart[o + 1] ?? 0); e++) if (edgeSvc[e] === s) return e;
    return -1;
  };
  const posValue = new Float64Array(ps.length);
  const children: { c: number; s: number }[][] = ps.map(() => []);
  ps.forEach((p, i) => {
    let v = 0;
    for (const h of p.holdings) {
      if (h.kind === 'operator') {
        const stake = opStake[h.operator] ?? 0;
        perOp[h.operator]?.push({ p: i, w: stake > 0 ? h.amount / stake : 0 });
        v += h.amount;
      } else if (h.kind === 'allocation') {
        const e = edgeOf(h.operator, h.service);
        const a = edgeAmt[e] ?? 0;
        if (a > 0) {
          const l = perEdge.get(e);
          if (l) l.push({ p: i, w: h.amount / a });
          else perEdge.set(e, [{ p: i, w: h.amount / a }]);
        }
        v += h.amount;
      } else {
        children[i]?.push({ c: h.position, s: h.share });
        v += h.share * (posValue[h.position] ?? 0);
      }
    }
    // a native stake not delegated anywhere has no holdings: the position is worth at least it
    posValue[i] = p.value ?? (p.kind === 'insurance' ? v + p.capital : Math.max(v, p.native ?? 0));
  });
  const csr = <T>(lists: T[][]) => {
    const start = new Int32Array(lists.length + 1);
    lists.forEach((l, i) => (start[i + 1] = (start[i] ?? 0) + l.length));
    return { start, flat: lists.flat() };
  };
  const op = csr(perOp);
  const edgePosStart = new Int32Array(edgeAmt.length + 1);
  const edgeFlat: { p: number; w: number }[] = [];
  for (let e = 0; e < edgeAmt.length; e++) {
    for (const x of perEdge.get(e) ?? []) edgeFlat.push(x);
    edgePosStart[e + 1] = edgeFlat.length;
  }
  const ch = csr(children);
  const cv = csr(ps.map((p) => [...p.covers]));
  return {
    opPosStart: op.start,
    opPosIdx: Int32Array.from(op.flat, (x) => x.p),
    opPosWeight: Float64Array.from(op.flat, (x) => x.w),
    edgePosStart,
    edgePosIdx: Int32Array.from(edgeFlat, (x) => x.p),
    edgePosWeight: Float64Array.from(edgeFlat, (x) => x.w),
    posChildStart: ch.start,
    posChild: Int32Array.from(ch.flat, (x) => x.c),
    posChildShare: Float64Array.from(ch.flat, (x) => x.s),
    posCoverStart: cv.start,
    coverPos: Int32Array.from(cv.flat, (x) => x.position),
    coverDeductible: Float64Array.from(cv.flat, (x) => x.deductible),
    coverLimit: Float64Array.from(cv.flat, (x) => x.limit),
    posCapital: Float64Array.from(ps, (p) => (p.kind === 'insurance' ? p.capital : 0)),
    posValue,
  };
}
