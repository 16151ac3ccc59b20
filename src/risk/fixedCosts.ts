import { coverColumns, coveredOpen } from './coverColumns.js';

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

/** Per cost column, the edges whose loss it decides (its edges on a service that it covers first: an edge is counted
 *  once, at its first column): lostEdges[lostStart[k] .. lostStart[k + 1]), built once per data object. */
interface LostEdges {
  readonly lostStart: Int32Array;
  readonly lostEdges: Int32Array;
}

const lostIndex = new WeakMap<FixedCostData, LostEdges>();

function lostEdgesOf(d: FixedCostData): LostEdges {
  const had = lostIndex.get(d);
  if (had) return had;
  const lostStart = new Int32Array(d.costCols.length + 1);
  const lost: number[] = [];
  d.costCols.forEach((c, k) => {
    for (const e of c.edges) if (d.edgeService[e]! >= 0 && d.colsOfEdge[e]![0] === k) lost.push(e);
    lostStart[k + 1] = lost.length;
  });
  const index = { lostStart, lostEdges: Int32Array.from(lost) };
  lostIndex.set(d, index);
  return index;
}

/** What a node's fixings (lo/up per program column) force and rule out, for the cover bounds of both programs. */
export function fixedCosts(d: FixedCostData, lo: Uint8Array, up: Uint8Array): FixedCosts {
  const ns = d.services.length;
  const onCost: bigint[] = new Array<bigint>(ns).fill(0n);
  const lost: bigint[] = new Array<bigint>(ns).fill(0n);
  let forced = 0n;
  const flat = coverColumns(d);
  const colOf = flat.colOf;
  const { lostStart, lostEdges } = lostEdgesOf(d);
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
        if (!coveredOpen(flat, e, up)) lost[d.edgeService[e]!]! += d.edgeWeight[e]!;
      }
    }
  }
  return { forced, onCost, lost };
}
