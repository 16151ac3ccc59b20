import type { BnbCandidate } from './branchAndBound.js';
import type { ExactProgram, ExactRow } from './exactProgram.js';
import { lpRelaxation, type LpAnswer, type LpRelaxation } from './lpRelaxation.js';
import { fixedPointDuals, floorUnscaled, safeBoundScaled } from './safeBound.js';

export interface PairProbeOptions<T> {
  readonly program: ExactProgram;
  /** Packed fixings (col·2) of columns already proven 0 for every point ≥ the target (probeFixings' box). */
  readonly box: readonly number[];
  /** Columns whose pairs are probed (those the box leaves free). */
  readonly columns: readonly number[];
  /** The current target: only points of value ≥ target are sought (it may rise as `decode` finds answers). */
  readonly target: () => bigint;
  /** Values a rounded LP point exactly; every answer found is passed to `found`. */
  readonly decode: (x: ArrayLike<number>) => BnbCandidate<T> | null;
  readonly found: (c: BnbCandidate<T>) => void;
  readonly deadline: number;
  /** LPs at most (pairs probed in order; the rest are left unprobed). */
  readonly pairsMax?: number;
}

/**
 * Pair probing (issue 14, R_ψ at ψ = 5–10 %): for each pair {i, j} of columns the box leaves free, the LP relaxation
 * with x_i = x_j = 1 and the box's columns at 0; when its exact Neumaier–Shcherbina bound (or an exact Farkas
 * certificate) proves no point there reaches the target, the conflict row x_i + x_j ≤ 1 holds for every 0/1 point
 * of value ≥ the target (those lie in the box: probeFixings). The rows are not valid for the whole program, only for
 * the points the search still seeks: a search whose target never falls below this one's may add them (a target that
 * rises later keeps them valid). On generated 2,000 × 100 networks at ψ = 5 % 166 of the 190 pairs of the 20 services
 * probing leaves open conflict (seed 1): a large shock can topple almost any one small service, but not two at once,
 * which the single LP with its fractional shock does not see.
 */
export async function probePairs<T>(o: PairProbeOptions<T>): Promise<ExactRow[]> {
  const p = o.program;
  const n = p.objective.length;
  const lp = await lpRelaxation(p);
  const lo = new Uint8Array(n);
  const up = new Uint8Array(n).fill(1);
  for (const f of o.box) up[f >> 1] = 0;
  const rows: ExactRow[] = [];
  let lps = 0;
  try {
    for (let a = 0; a < o.columns.length; a++)
      for (let b = a + 1; b < o.columns.length; b++) {
        if (Date.now() >= o.deadline || lps++ >= (o.pairsMax ?? Number.POSITIVE_INFINITY)) return rows;
        const [i, j] = [o.columns[a]!, o.columns[b]!];
        lo[i] = lo[j] = 1;
        if (closedAtOne(p, lp, lp.solve(lo, up), lo, up, o))
          rows.push({ cols: [i, j], coefs: [1n, 1n], lower: null, upper: 1n, scale: 1n });
        lo[i] = lo[j] = 0;
      }
  } finally {
    lp.dispose();
  }
  return rows;
}

/** True when the LP answer at the box [lo, up] proves exactly that no point there reaches the target; an unproven
 *  LP point is rounded and valued (it may raise the target). */
function closedAtOne<T>(p: ExactProgram, lp: LpRelaxation, ans: LpAnswer, lo: Uint8Array, up: Uint8Array, o: PairProbeOptions<T>): boolean {
  if (ans.kind === 'optimal') {
    const y = fixedPointDuals(ans.rowDual, lp.rowExp, lp.objExp);
    if (floorUnscaled(safeBoundScaled(p, y, lo, up, true)) < o.target()) return true;
    const point = new Uint8Array(lo.length);
    for (let k = 0; k < lo.length; k++) point[k] = ans.x[k]! > 0.5 ? 1 : 0;
    const c = o.decode(point);
    if (c) o.found(c);
    return false;
  }
  if (ans.kind !== 'infeasible' || !ans.ray) return false;
  for (const sign of [1, -1]) {
    const y = fixedPointDuals(
      Array.from(ans.ray, (v) => sign * v),
      lp.rowExp,
      0,
    );
    if (safeBoundScaled(p, y, lo, up, false) < 0n) return true;
  }
  return false;
}
