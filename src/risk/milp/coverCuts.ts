import { Rational } from '../../math/rational.js';
import type { IndexedNetwork } from '../indexNetwork.js';
import { gridThreshold, type AttackVariables } from './attackProgram.js';
import type { AttackColumns } from './exactAttackProgram.js';
import type { ExactRow } from './exactProgram.js';

/** Per service, covers from dropping each of its this many largest cover members in turn (besides the top cover). */
export const coverSwapsMax = 4;

interface Item {
  readonly w: Rational;
  /** The columns whose sum says "this edge is corrupted": b_v and/or p_e (at most 1 together, `once` rows). */
  readonly cols: readonly number[];
}

/**
 * Cover inequalities of the `best` attack program, rows of exact integer data valid for every 0/1 point:
 * for a service s and a set C of its edges whose complement cannot reach the threshold
 * (Σ_{e∉C} min(w_e, need_s) < need_s), s falls only if some edge of C is corrupted: y_s ≤ Σ_{e∈C} (b_v + p_e).
 * The LP relaxation otherwise credits a fraction of PfC for a fraction of a large operator (the root gap at
 * 2,000 × 100 is mostly that: the largest operator at 0.54 covering half of thirty services). C is the set of
 * the largest edges (taken until the rest falls short), and its variants with one of them left out and the
 * next largest added instead.
 */
export function coverCutRows(ix: IndexedNetwork, vars: AttackVariables, cols: AttackColumns): ExactRow[] {
  const rows: ExactRow[] = [];
  for (const s of vars.services) {
    const ys = cols.y.get(s);
    if (ys === undefined) continue;
    rows.push(...serviceCoverRows({ ix, cols, s, ys, need: gridThreshold(ix, s) }));
  }
  return rows;
}

export interface ServiceCoverOptions {
  readonly ix: IndexedNetwork;
  readonly cols: AttackColumns;
  readonly s: number;
  readonly ys: number;
  /** The service's threshold: no edge counts above it. */
  readonly need: Rational;
  /** What the cover's complement must fall short of (default `need`; the R_ψ program takes the shock's part out). */
  readonly target?: Rational;
}

/** Service s's top cover row and its `coverSwapsMax` variants (shared by the `best` and `worst` programs). */
export function serviceCoverRows(o: ServiceCoverOptions): ExactRow[] {
  const { ix, cols, need } = o;
  const target = o.target ?? need;
  const items: Item[] = ix.edgesOfSvc[o.s]!.map((e) => {
    const { op, amount } = ix.edges[e]!;
    return { w: amount.min(need), cols: [cols.b.get(op), cols.p.get(e)].filter((j): j is number => j !== undefined) };
  });
  items.sort((a, b) => b.w.cmp(a.w));
  const total = items.reduce((a, it) => a.add(it.w), Rational.ZERO);
  const top = coverFrom(items, [], 0, total, target);
  if (top === null) return [];
  const rows = [cutRow(o.ys, top)];
  for (let k = 0; k < Math.min(coverSwapsMax, top.length); k++) {
    const without = top.filter((_, i) => i !== k);
    const rest = total.sub(without.reduce((a, it) => a.add(it.w), Rational.ZERO));
    const c = coverFrom(items, without, top.length, rest, target);
    if (c !== null) rows.push(cutRow(o.ys, c));
  }
  return rows;
}

/**
 * Extends `chosen` with items from index `from` on (largest first) until the weight left outside the cover
 * (`rest` at the start) falls below `need`; null if it never does.
 */
function coverFrom(items: readonly Item[], chosen: readonly Item[], from: number, rest: Rational, need: Rational): Item[] | null {
  const out = [...chosen];
  let left = rest;
  for (let i = from; i < items.length && !left.lt(need); i++) {
    const it = items[i]!;
    out.push(it);
    left = left.sub(it.w);
  }
  return left.lt(need) ? out : null;
}

/** y_s − Σ_{C} (b + p) ≤ 0. */
function cutRow(ys: number, cover: readonly Item[]): ExactRow {
  const colsOut = [ys];
  const coefs = [1n];
  for (const it of cover)
    for (const j of it.cols) {
      colsOut.push(j);
      coefs.push(-1n);
    }
  return { cols: colsOut, coefs, lower: null, upper: 0n, scale: 1n };
}
