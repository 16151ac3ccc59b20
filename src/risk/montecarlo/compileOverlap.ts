/**
 * Service overlap of full-restaking operators, for the sparse loss pass (simulateRange).
 * An operator is "full" when each of its allocations is its whole stake (elastic full
 * restaking). For such an operator every allocation loses exactly its loss L_o of security,
 * whatever faulted (w − min(w(1−σ_o)(1−σ_t), S − L) = L when w = S), and when it did not fault
 * itself and is not clamped at its stake, L_o = S_o Σ_{fired s ∋ o} σ_s is linear in the fired
 * severities. So the security that service t loses through such operators is
 * Σ_{fired s} σ_s · overlap[s][t], with overlap[s][t] = Σ_{full o in s and t} S_o: one sparse row
 * per fired service instead of one visit per allocation of every operator it touches.
 */
export interface ServiceOverlap {
  /** 1 when every allocation of the operator equals its stake (and it has at least one). */
  readonly opFull: Uint8Array;
  /** Row s: overlapSvc/overlapStake[overlapStart[s] .. overlapStart[s+1]), services in increasing order. */
  readonly overlapStart: Int32Array;
  readonly overlapSvc: Int32Array;
  readonly overlapStake: Float64Array;
}

/** Largest overlap table (cells) built; above it the loss pass visits allocations one by one. */
export const overlapCellsMax = 4_000_000;

export function compileOverlap(
  nSvc: number,
  opStake: Float64Array,
  opEdgeStart: Int32Array,
  edgeSvc: Int32Array,
  edgeAmt: Float64Array,
): ServiceOverlap {
  const nOps = opStake.length;
  const opFull = new Uint8Array(nOps);
  for (let o = 0; o < nOps; o++) {
    const e0 = opEdgeStart[o]!;
    const e1 = opEdgeStart[o + 1]!;
    let full = e1 > e0 && opStake[o]! > 0;
    for (let e = e0; e < e1 && full; e++) full = edgeAmt[e] === opStake[o];
    opFull[o] = full ? 1 : 0;
  }
  if (nSvc * nSvc > overlapCellsMax) {
    return {
      opFull: new Uint8Array(nOps),
      overlapStart: new Int32Array(nSvc + 1),
      overlapSvc: new Int32Array(0),
      overlapStake: new Float64Array(0),
    };
  }
  const dense = new Float64Array(nSvc * nSvc);
  for (let o = 0; o < nOps; o++) {
    if (opFull[o] !== 1) continue;
    const stake = opStake[o]!;
    for (let e = opEdgeStart[o]!; e < opEdgeStart[o + 1]!; e++) {
      const row = edgeSvc[e]! * nSvc;
      for (let x = opEdgeStart[o]!; x < opEdgeStart[o + 1]!; x++) dense[row + edgeSvc[x]!] = dense[row + edgeSvc[x]!]! + stake;
    }
  }
  const overlapStart = new Int32Array(nSvc + 1);
  let cells = 0;
  for (let i = 0; i < dense.length; i++) if (dense[i]! > 0) cells++;
  const overlapSvc = new Int32Array(cells);
  const overlapStake = new Float64Array(cells);
  let k = 0;
  for (let s = 0; s < nSvc; s++) {
    for (let t = 0; t < nSvc; t++) {
      const v = dense[s * nSvc + t]!;
      if (v > 0) ((overlapSvc[k] = t), (overlapStake[k++] = v));
    }
    overlapStart[s + 1] = k;
  }
  return { opFull, overlapStart, overlapSvc, overlapStake };
}
