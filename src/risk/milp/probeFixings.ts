import type { BnbCandidate } from './branchAndBound.js';
import type { ExactProgram } from './exactProgram.js';
import { lpRelaxation } from './lpRelaxation.js';
import { fixedPointDuals, floorUnscaled, safeBoundScaled } from './safeBound.js';

export interface ProbeOptions<T> {
  readonly program: ExactProgram;
  /** Columns to probe, in order. */
  readonly columns: readonly number[];
  /** The current target: only points of value ≥ target are sought (it may rise as `decode` finds answers). */
  readonly target: () => bigint;
  /** Values a rounded LP point exactly (as for branchAndBound); every answer found is passed to `found`. */
  readonly decode: (x: ArrayLike<number>) => BnbCandidate<T> | null;
  readonly found: (c: BnbCandidate<T>) => void;
  readonly deadline: number;
  /** Packed fixings (col·2) already proven 0 for every point ≥ the target (an earlier probing's box): kept
   *  closed, not probed again, and returned with the new ones. */
  readonly box?: readonly number[];
}

/**
 * Probing (issue 14, R_ψ): for each column j in turn, the LP relaxation with x_j = 1 and the columns closed before
 * it at 0; when its exact Neumaier–Shcherbina bound (milp/safeBound, from the LP's float duals, computed in
 * integers) is below the target, no 0/1 point with x_j = 1 and the earlier closed columns at 0 reaches the target,
 * so x_j = 0 is fixed. By induction every point ≥ the target lies in the box "all closed columns at 0": the
 * returned packed fixings (col·2) are a valid `starts` box for branchAndBound. A target that rises later keeps the
 * proofs valid (nothing ≥ the old target implies nothing ≥ a higher one). Floats only choose; an unproven probe
 * (LP failure, or infeasibility without an exact Farkas certificate) just leaves the column free.
 * On generated 2,000 × 100 networks a service-set LP bound with one service forced in is almost always below the
 * best shock-and-attack: the tree then branches among the few services left instead of all of them.
 */
export async function probeFixings<T>(o: ProbeOptions<T>): Promise<number[]> {
  const p = o.program;
  const n = p.objective.length;
  const lp = await lpRelaxation(p);
  const lo = new Uint8Array(n);
  const up = new Uint8Array(n).fill(1);
  const closed: number[] = [...(o.box ?? [])];
  for (const f of closed) up[f >> 1] = 0;
  try {
    for (const j of o.columns) {
      if (Date.now() >= o.deadline) break;
      if (up[j] === 0) continue;
      lo[j] = 1;
      const ans = lp.solve(lo, up);
      lo[j] = 0;
      let proven = false;
      if (ans.kind === 'optimal') {
        const y = fixedPointDuals(ans.rowDual, lp.rowExp, lp.objExp);
        lo[j] = 1;
        proven = floorUnscaled(safeBoundScaled(p, y, lo, up, true)) < o.target();
        lo[j] = 0;
        if (!proven) {
          const point = new Uint8Array(n);
          for (let k = 0; k < n; k++) point[k] = ans.x[k]! > 0.5 ? 1 : 0;
          const c = o.decode(point);
          if (c) o.found(c);
        }
      } else if (ans.kind === 'infeasible' && ans.ray) {
        lo[j] = 1;
        for (const sign of [1, -1]) {
          const y = fixedPointDuals(
            Array.from(ans.ray, (v) => sign * v),
            lp.rowExp,
            0,
          );
          if (safeBoundScaled(p, y, lo, up, false) < 0n) proven = true;
        }
        lo[j] = 0;
      }
      if (proven) {
        up[j] = 0;
        closed.push(j * 2);
      }
    }
  } finally {
    lp.dispose();
  }
  return closed;
}
