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

function allFixedToZero(covering: readonly number[], cols: FixedCostData['costCols'], up: Uint8Array): boolean {
  for (let t = 0; t < covering.length; t++) if (up[cols[covering[t]!]!.col] !== 0) return false;
  return true;
}

/** Below this every integer, so every partial sum of non-negative integers whose total is below it, is a double. */
const exactDoubleMax = 2 ** 53;

/** The costs and weights as doubles, when their totals are below exactDoubleMax (else null: bigints). */
interface AsDoubles {
  readonly cost: Float64Array;
  readonly weight: Float64Array;
}

const doublesOf = new WeakMap<FixedCostData, AsDoubles | null>();

function asDoubles(d: FixedCostData): AsDoubles | null {
  if (doublesOf.has(d)) return doublesOf.get(d)!;
  let costs = 0n;
  let weights = 0n;
  let negative = false;
  for (const c of d.costCols) {
    costs += c.cost;
    negative ||= c.cost < 0n;
  }
  for (const w of d.edgeWeight) {
    weights += w;
    negative ||= w < 0n;
  }
  const fits = !negative && costs < BigInt(exactDoubleMax) && weights < BigInt(exactDoubleMax);
  const out = fits ? { cost: Float64Array.from(d.costCols, (c) => Number(c.cost)), weight: Float64Array.from(d.edgeWeight, Number) } : null;
  doublesOf.set(d, out);
  return out;
}

/**
 * What a node's fixings (lo/up per program column) force and rule out, for the cover bounds of both programs. Summed in
 * doubles where every sum is an integer below 2^53 (exact there: a network in whole ETH at mainnet size), else in
 * bigints; it runs at every node of the trees and of a replay, and its bigint sums were a large part of a warm
 * analysis's garbage at 2,000 × 100.
 */
export function fixedCosts(d: FixedCostData, lo: Uint8Array, up: Uint8Array): FixedCosts {
  const doubles = asDoubles(d);
  return doubles ? fixedCostsInDoubles(d, doubles, lo, up) : fixedCostsInBigints(d, lo, up);
}

function fixedCostsInBigints(d: FixedCostData, lo: Uint8Array, up: Uint8Array): FixedCosts {
  const ns = d.services.length;
  const onCost: bigint[] = new Array<bigint>(ns).fill(0n);
  const lost: bigint[] = new Array<bigint>(ns).fill(0n);
  let forced = 0n;
  // indexed loops, no iterators: this runs at every node of the trees and of a replay, and the iterators' objects
  // were about a sixth of what a warm analysis at 2,000 × 100 allocated
  const cols = d.costCols;
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k]!;
    if (lo[c.col] === 1) {
      forced += c.cost;
      for (let t = 0; t < c.services.length; t++) onCost[c.services[t]!]! += c.cost;
    } else if (up[c.col] === 0) {
      for (let t = 0; t < c.edges.length; t++) {
        const e = c.edges[t]!;
        const s = d.edgeService[e]!;
        const covering = d.colsOfEdge[e]!;
        // an edge is lost when every column covering it is fixed to 0; counted once, at its first column
        if (s >= 0 && covering[0] === k && allFixedToZero(covering, cols, up)) lost[s]! += d.edgeWeight[e]!;
      }
    }
  }
  return { forced, onCost, lost };
}

/** fixedCostsInBigints on the same data as doubles (every sum exact: see asDoubles). */
function fixedCostsInDoubles(d: FixedCostData, x: AsDoubles, lo: Uint8Array, up: Uint8Array): FixedCosts {
  const ns = d.services.length;
  const onCost = new Float64Array(ns);
  const lost = new Float64Array(ns);
  let forced = 0;
  const cols = d.costCols;
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k]!;
    if (lo[c.col] === 1) {
      const cost = x.cost[k]!;
      forced += cost;
      for (let t = 0; t < c.services.length; t++) onCost[c.services[t]!]! += cost;
    } else if (up[c.col] === 0) {
      for (let t = 0; t < c.edges.length; t++) {
        const e = c.edges[t]!;
        const s = d.edgeService[e]!;
        const covering = d.colsOfEdge[e]!;
        if (s >= 0 && covering[0] === k && allFixedToZero(covering, cols, up)) lost[s]! += x.weight[e]!;
      }
    }
  }
  const big = (v: number): bigint => (v === 0 ? 0n : BigInt(v));
  return { forced: big(forced), onCost: Array.from(onCost, big), lost: Array.from(lost, big) };
}
