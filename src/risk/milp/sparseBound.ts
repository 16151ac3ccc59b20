import type { ExactRow } from './exactProgram.js';

/**
 * Scratch state of `sparseBound` for one program, reused region after region (milp/replayProof): the residual
 * c − Aᵀy of a column no multiplier touches is its default (the objective ×2^dualBits, or 0 for a Farkas ray), and
 * a free column (box [0, 1]) adds max(default, 0) to the bound, so the sum over the untouched free columns is one
 * number computed once. A region then costs its multipliers' non-zeros and its fixings, not every column (200 × 30:
 * 1,361 columns; a kept proof's regions have a few dozen multipliers each).
 */
export interface SparseBoundScratch {
  /** Residuals from the objective; every entry equals `objective` between calls. */
  readonly fromObjective: bigint[];
  /** Residuals of a Farkas ray; every entry is 0 between calls. */
  readonly fromZero: bigint[];
  /** Σ max(objective_j, 0): the free untouched columns' part of the bound. */
  readonly objectivePositive: bigint;
  readonly objective: readonly bigint[];
  /** Columns of the last call whose residual left its default (reset by `sparseBoundReset`). */
  readonly touched: number[];
  /** Call number per column (marks a column touched or fixed once per call). */
  readonly mark: Uint32Array;
  call: number;
}

/** Scratch for a program whose objective ×2^dualBits is `objective`. */
export function sparseBoundScratch(objective: readonly bigint[]): SparseBoundScratch {
  let objectivePositive = 0n;
  for (const c of objective) if (c > 0n) objectivePositive += c;
  return {
    fromObjective: objective.slice(),
    fromZero: new Array<bigint>(objective.length).fill(0n),
    objectivePositive,
    objective,
    touched: [],
    mark: new Uint32Array(objective.length),
    call: 0,
  };
}

/** The residual array of the last call (its touched entries hold c − Aᵀy until `sparseBoundReset`). */
export function sparseResidual(s: SparseBoundScratch, farkas: boolean): bigint[] {
  return farkas ? s.fromZero : s.fromObjective;
}

/**
 * The exact Neumaier–Shcherbina bound Σ y_i·side_i + Σ_j (c − Aᵀy)_j·(up_j if positive else lo_j) for sparse
 * multipliers (rows with a non-zero y only), with c = the objective ×2^dualBits (or 0 for a Farkas ray), equal to
 * the sum over every column; `fixed` lists the columns whose box is not [0, 1] (any order, repeats allowed).
 * The residual stays readable by `sparseResidual` until `sparseBoundReset`. Takes the program's rows, not the program:
 * the replays of γ*'s and R_ψ's proofs pass programs of different object shapes, and the optimised code read through
 * one and was dropped at the other ("wrong map") in every warm analysis.
 */
export function sparseBound(
  programRows: readonly ExactRow[],
  rows: ArrayLike<number>,
  y: readonly bigint[],
  farkas: boolean,
  s: SparseBoundScratch,
  lo: Uint8Array,
  up: Uint8Array,
  fixed: ArrayLike<number>,
): bigint {
  const residual = sparseResidual(s, farkas);
  const call = ++s.call;
  const { mark, touched } = s;
  let total = 0n;
  for (let k = 0; k < rows.length; k++) {
    const row = programRows[rows[k]!]!;
    const yi = y[k]!;
    const side = yi > 0n ? row.upper : row.lower;
    if (side === null) continue;
    total += yi * side;
    for (let t = 0; t < row.cols.length; t++) {
      const j = row.cols[t]!;
      if (mark[j] !== call) {
        mark[j] = call;
        touched.push(j);
      }
      residual[j]! -= yi * row.coefs[t]!;
    }
  }
  for (let t = 0; t < fixed.length; t++) {
    const j = fixed[t]!;
    if (mark[j] !== call) {
      mark[j] = call;
      touched.push(j);
    }
  }
  // every column as if untouched and free, then the touched or fixed ones corrected
  if (!farkas) total += s.objectivePositive;
  for (let t = 0; t < touched.length; t++) {
    const j = touched[t]!;
    const rj = residual[j]!;
    if (rj > 0n ? up[j] === 1 : lo[j] === 1) total += rj;
    const d = farkas ? 0n : s.objective[j]!;
    if (d > 0n) total -= d;
  }
  return total;
}

/** Restores the residuals of the last call to their defaults. */
export function sparseBoundReset(s: SparseBoundScratch, farkas: boolean): void {
  const residual = sparseResidual(s, farkas);
  const { touched, objective } = s;
  for (let t = 0; t < touched.length; t++) residual[touched[t]!] = farkas ? 0n : objective[touched[t]!]!;
  s.touched.length = 0;
}
