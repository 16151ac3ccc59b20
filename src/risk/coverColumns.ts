/** The parts of a node bound's data that say which cost columns cover which edges (attackCoverBound, worstCoverBound). */
export interface CoverColumnData {
  readonly costCols: readonly { readonly col: number }[];
  readonly colsOfEdge: readonly (readonly number[])[];
}

/**
 * Flat arrays of a node bound's data, built once per data object (a WeakMap entry): each cost column's program column,
 * and each edge's covering columns as program columns. The node bounds (fixedCosts, coverDeficits) run for hundreds of
 * boxes of ~12,000 columns per warm analysis at 2,000 × 100; reading the column objects and nested arrays there was
 * most of their time.
 */
export interface CoverColumns {
  readonly colOf: Int32Array;
  /** Edge e's covering program columns: coverCols[coverStart[e] .. coverStart[e + 1]). */
  readonly coverStart: Int32Array;
  readonly coverCols: Int32Array;
}

const built = new WeakMap<CoverColumnData, CoverColumns>();

export function coverColumns(d: CoverColumnData): CoverColumns {
  const had = built.get(d);
  if (had) return had;
  const colOf = Int32Array.from(d.costCols, (c) => c.col);
  const coverStart = new Int32Array(d.colsOfEdge.length + 1);
  const cover: number[] = [];
  d.colsOfEdge.forEach((covering, e) => {
    for (const k of covering) cover.push(colOf[k]!);
    coverStart[e + 1] = cover.length;
  });
  const flat = { colOf, coverStart, coverCols: Int32Array.from(cover) };
  built.set(d, flat);
  return flat;
}

/** Whether some column covering edge e may still be 1 in the box (`up`). */
export function coveredOpen(c: CoverColumns, e: number, up: Uint8Array): boolean {
  for (let u = c.coverStart[e]!; u < c.coverStart[e + 1]!; u++) if (up[c.coverCols[u]!] === 1) return true;
  return false;
}
