/** The parts of a combinatorial node bound's data that say which cost columns cover which edges. */
export interface FixedCostData {
  readonly services: { readonly length: number };
  readonly costCols: readonly {
    readonly col: number;
    readonly cost: bigint;
    readonly services: readonly number[];
    readonly edges: readonly number[];
  }[];
  readonly colsOfEdge: readonly (readonly number[])[];
  readonly edgeService: Int32Array;
  readonly edgeWeight: readonly bigint[];
}

export interface FixedCosts {
  /** Σ cost of the columns fixed to 1. */
  readonly forced: bigint;
  /** Per service: the forced cost of the columns touching it. */
  readonly onCost: bigint[];
  /** Per service: the weight of its edges whose every covering column is fixed to 0. */
  readonly lost: bigint[];
}

/**
 * Flat arrays of one FixedCostData, built once (a WeakMap entry): per cost column its program column, and the edges
 * whose loss it decides (its edges on a service that it covers first: an edge is counted once, at its first column),
 * each with its covering columns' program columns. The node bounds of a replay at 2,000 × 100 call fixedCosts for
 * hundreds of boxes of ~12,000 columns; reading the column objects and their nested arrays was most of its time.
 */
interface FlatCosts {
  readonly colOf: Int32Array;
  /** Cost column k's counted edges: lostEdges[lostStart[k] .. lostStart[k + 1]). */
  readonly lostStart: Int32Array;
  readonly lostEdges: Int32Array;
  /** Edge e's covering program columns: coverCols[coverStart[e] .. coverStart[e + 1]). */
  readonly coverStart: Int32Array;
  readonly coverCols: Int32Array;
}

const flats = new WeakMap<FixedCostData, FlatCosts>();

function flatCosts(d: FixedCostData): FlatCosts {
  const had = flats.get(d);
  if (had) return had;
  const cols = d.costCols;
  const colOf = Int32Array.from(cols, (c) => c.col);
  const lostStart = new Int32Array(cols.length + 1);
  const lost: number[] = [];
  cols.forEach((c, k) => {
    for (const e of c.edges) if (d.edgeService[e]! >= 0 && d.colsOfEdge[e]![0] === k) lost.push(e);
    lostStart[k + 1] = lost.length;
  });
  const coverStart = new Int32Array(d.colsOfEdge.length + 1);
  const cover: number[] = [];
  d.colsOfEdge.forEach((covering, e) => {
    for (const k of covering) cover.push(cols[k]!.col);
    coverStart[e + 1] = cover.length;
  });
  const flat = { colOf, lostStart, lostEdges: Int32Array.from(lost), coverStart, coverCols: Int32Array.from(cover) };
  flats.set(d, flat);
  return flat;
}

/** What a node's fixings (lo/up per program column) force and rule out, for the cover bounds of both programs. */
export function fixedCosts(d: FixedCostData, lo: Uint8Array, up: Uint8Array): FixedCosts {
  const ns = d.services.length;
  const onCost: bigint[] = new Array<bigint>(ns).fill(0n);
  const lost: bigint[] = new Array<bigint>(ns).fill(0n);
  let forced = 0n;
  const { colOf, lostStart, lostEdges, coverStart, coverCols } = flatCosts(d);
  for (let k = 0; k < colOf.length; k++) {
    const col = colOf[k]!;
    if (lo[col] === 1) {
      const c = d.costCols[k]!;
      forced += c.cost;
      for (let t = 0; t < c.services.length; t++) onCost[c.services[t]!]! += c.cost;
    } else if (up[col] === 0) {
      // an edge is lost when every column covering it is fixed to 0
      for (let t = lostStart[k]!; t < lostStart[k + 1]!; t++) {
        const e = lostEdges[t]!;
        let all = true;
        for (let u = coverStart[e]!; u < coverStart[e + 1]! && all; u++) all = up[coverCols[u]!] === 0;
        if (all) lost[d.edgeService[e]!]! += d.edgeWeight[e]!;
      }
    }
  }
  return { forced, onCost, lost };
}
