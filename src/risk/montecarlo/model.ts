import type { ServiceOverlap } from './compileOverlap.js';

/**
 * The fault model compiled to typed arrays (plain data: it is posted to worker threads).
 * Edges are stored operator-major (CSR); services and operators are "entities" sampled in
 * groups that share the same factor loadings (so conditional fault probabilities are shared).
 */
export interface EntityTable {
  readonly count: number;
  /** Copula threshold t = Φ⁻¹(p): the entity faults iff a·Z + s·ε < t. */
  readonly threshold: Float64Array;
  /** Marginal fault probability p (used directly when the group has no loadings). */
  readonly probability: Float64Array;
  readonly sevKind: Uint8Array;
  readonly sevP1: Float64Array;
  readonly sevP2: Float64Array;
  readonly sevP3: Float64Array;
  /** Groups: members of group g are groupMembers[groupStart[g] .. groupStart[g+1]). */
  readonly groupStart: Int32Array;
  readonly groupMembers: Int32Array;
  readonly groupMaxThreshold: Float64Array;
  readonly groupMaxProbability: Float64Array;
  /**
   * P(no candidate in group g) = (1 − bound)^n_g: for loaded groups per upper-bound grid index
   * (noCandidate[i * groups + g], grid-major so one scenario's lookups share cache lines; empty when too large), for unloaded groups at the exact p_max.
   * Lets the sampler skip a group with one comparison instead of a logarithm.
   */
  readonly groupNoCandidate: Float64Array;
  readonly groupNoCandidateStatic: Float64Array;
  /** s = √(1 − Σa²) of the group. */
  readonly groupScale: Float64Array;
  readonly loadStart: Int32Array;
  readonly loadFactor: Int32Array;
  readonly loadValue: Float64Array;
  /** Bernoulli-mixture members of factor k: shockEntity/shockProb[shockStart[k] .. shockStart[k+1]). */
  readonly shockStart: Int32Array;
  readonly shockEntity: Int32Array;
  readonly shockProb: Float64Array;
}

/** The base layer compiled: its event and the native positions that load on it (docs/simulate.md). */
export interface BaseLayerModel {
  readonly probability: number;
  /** P(a native position is hit | event). */
  readonly hit: number;
  /** P(a native position is hit on its own) per period. */
  readonly idiosyncratic: number;
  readonly sevKind: number;
  readonly sevP1: number;
  readonly sevP2: number;
  readonly sevP3: number;
  /** Indices of the positions with native stake, and that stake (numeraire). */
  readonly positions: Int32Array;
  readonly native: Float64Array;
  /** 1 for pooled positions (vaults, LRTs: many pods), which lose the hit fraction of their native stake. */
  readonly pooled: Uint8Array;
}

export interface CompiledModel extends ServiceOverlap {
  readonly nOps: number;
  readonly nSvc: number;
  readonly nFactors: number;
  readonly nPos: number;
  /** Per factor: probability of its common shock per period (0 for Gaussian factors). */
  readonly factorShockProbability: Float64Array;
  readonly opStake: Float64Array;
  /** Slashable exposure of an operator: min(stake, Σ allocations). */
  readonly opExposure: Float64Array;
  readonly opEdgeStart: Int32Array;
  readonly edgeSvc: Int32Array;
  readonly edgeAmt: Float64Array;
  /** W_s: total stake allocated to service s. */
  readonly svcStake: Float64Array;
  readonly svcEdgeStart: Int32Array;
  readonly svcEdgeOp: Int32Array;
  /** Allocation amounts in service-major order (aligned with svcEdgeOp). */
  readonly svcEdgeAmt: Float64Array;
  /** Σ allocations of each operator. */
  readonly opAllocSum: Float64Array;
  readonly services: EntityTable;
  readonly operators: EntityTable;
  /** Position holdings on operators, operator-major: weight = amount / operator stake. */
  readonly opPosStart: Int32Array;
  readonly opPosIdx: Int32Array;
  readonly opPosWeight: Float64Array;
  /**
   * Position holdings on allocations, edge-major (edges as opEdgeStart): weight = amount / edge
   * amount; a holding loses weight × the edge's slashed stake × L_o / Σ_s d_os.
   */
  readonly edgePosStart: Int32Array;
  readonly edgePosIdx: Int32Array;
  readonly edgePosWeight: Float64Array;
  /** Positions are in dependency order; children of p: posChild[posChildStart[p]..]. */
  readonly posChildStart: Int32Array;
  readonly posChild: Int32Array;
  readonly posChildShare: Float64Array;
  readonly posCoverStart: Int32Array;
  readonly coverPos: Int32Array;
  readonly coverDeductible: Float64Array;
  readonly coverLimit: Float64Array;
  readonly posCapital: Float64Array;
  readonly posValue: Float64Array;
  /** Null when no position holds native stake: the sampler then draws exactly what it drew before. */
  readonly baseLayer: BaseLayerModel | null;
}
