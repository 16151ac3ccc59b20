import { compareBigint } from '../math/compareBigint.js';
import { gcd } from '../math/rational.js';
import { coverColumns, coveredOpen, type CoverColumns } from './coverColumns.js';

/** The parts of the node bound's data (attackCoverBound's CoverBoundData) this needs, in 1/lcd units. */
export interface DeficitData {
  readonly services: readonly { readonly need: bigint }[];
  readonly costCols: readonly { readonly col: number; readonly edges: readonly number[] }[];
  readonly colsOfEdge: readonly (readonly number[])[];
  readonly edgeService: Int32Array;
  readonly edgeWeight: readonly bigint[];
}

/** Edges in one witness set of a service's whole grid (the gcd of all its weights); more: not a witness set. */
const witnessesMax = 8;
/** Disjoint witness sets per service: a node that closes an edge of one may leave another open. */
const witnessSetsMax = 4;

/**
 * Built once per bound data (a WeakMap entry): each service's edges, the gcd of all their weights (its grid when every
 * edge is open), a few edges whose weights alone have that gcd, and a per-edge mark for the edges a node forces.
 */
interface DeficitIndex {
  readonly edgesOf: readonly (readonly number[])[];
  readonly rootGrid: readonly bigint[];
  /** Disjoint sets of edges whose weights alone have the whole grid (none: the service's edges are read at every node). */
  readonly witnesses: readonly (readonly (readonly number[])[])[];
  readonly forcedMark: Uint32Array;
  call: number;
}

const indexes = new WeakMap<DeficitData, DeficitIndex>();

/**
 * Up to `witnessSetsMax` disjoint sets of edges of one service, each with `grid` (the gcd of all its weights) as the gcd
 * of its own weights, from the lightest edges up: the trees fix the heavy operators first, so light edges stay open.
 */
function witnessSets(d: DeficitData, edges: readonly number[], grid: bigint): number[][] {
  if (grid === 0n) return [];
  let left = [...edges].sort((a, b) => compareBigint(d.edgeWeight[a]!, d.edgeWeight[b]!));
  const sets: number[][] = [];
  while (sets.length < witnessSetsMax) {
    const set: number[] = [];
    let g = 0n;
    for (const e of left) {
      const next = gcd(g, d.edgeWeight[e]!);
      if (next === g) continue;
      g = next;
      set.push(e);
      if (g === grid || set.length > witnessesMax) break;
    }
    if (g !== grid || set.length > witnessesMax) break;
    sets.push(set);
    const used = new Set(set);
    left = left.filter((e) => !used.has(e));
  }
  return sets;
}

function deficitIndex(d: DeficitData): DeficitIndex {
  const had = indexes.get(d);
  if (had) return had;
  const edgesOf: number[][] = d.services.map(() => []);
  for (let e = 0; e < d.edgeService.length; e++) if (d.edgeService[e]! >= 0) edgesOf[d.edgeService[e]!]!.push(e);
  const rootGrid = edgesOf.map((es) => es.reduce((g, e) => gcd(g, d.edgeWeight[e]!), 0n));
  const witnesses = edgesOf.map((es, s) => witnessSets(d, es, rootGrid[s]!));
  const x: DeficitIndex = { edgesOf, rootGrid, witnesses, forcedMark: new Uint32Array(d.edgeService.length), call: 0 };
  indexes.set(d, x);
  return x;
}

/**
 * Per service of the combinatorial node bound (attackCoverBound), in 1/lcd units: the least extra cost the columns
 * not fixed at the node must pay for s to fall, or null when the node says nothing (s cannot fall: left to the
 * caller's own check). Extra coverage on s comes only from edges not yet covered by a column fixed to 1 and not
 * lost (every covering column fixed to 0); its sum is a multiple of g, the gcd of those edges' weights, so the
 * deficit need_s − (weight covered by fixed columns) rounds up to that grid; each free column costs at least what it
 * adds on s, so this is a lower bound on the extra cost. Why: the root's lifted threshold (offGridThreshold) sees an
 * off-grid operator only as "in or out"; once the tree fixes it, the other operators' amounts are back on their
 * integer grid, and a deficit with the fixed operator's fraction needs a whole grid step more (500 × 50 seed 1, the
 * 11th-largest operator × 997/1000: the bound stalled at 0.41 ETH, the fraction of its slashed stake).
 */
export function coverDeficits(d: DeficitData, lo: Uint8Array, up: Uint8Array): (bigint | null)[] {
  const x = deficitIndex(d);
  const c = coverColumns(d);
  const covered = forcedCover(d, x, c, lo);
  return d.services.map((sv, s) => {
    const deficit = sv.need - covered[s]!;
    if (deficit <= 0n) return 0n;
    const g = openGrid(d, x, c, s, up);
    if (g === 0n) return null;
    // rounds up: the fewest whole grid steps of extra coverage that reach need
    return ((deficit + g - 1n) / g) * g;
  });
}

/** Per service, the weight of its edges covered by a column fixed to 1 (each edge once); marks those edges. */
function forcedCover(d: DeficitData, x: DeficitIndex, c: CoverColumns, lo: Uint8Array): bigint[] {
  const covered = new Array<bigint>(d.services.length).fill(0n);
  // the marks are call numbers: cleared before the counter would wrap (a Uint32Array entry)
  if (x.call === 0xffffffff) {
    x.forcedMark.fill(0);
    x.call = 0;
  }
  const call = ++x.call;
  for (let k = 0; k < c.colOf.length; k++) {
    if (lo[c.colOf[k]!] !== 1) continue;
    const edges = d.costCols[k]!.edges;
    for (let t = 0; t < edges.length; t++) {
      const e = edges[t]!;
      const s = d.edgeService[e]!;
      if (s < 0 || x.forcedMark[e] === call) continue;
      x.forcedMark[e] = call;
      covered[s]! += d.edgeWeight[e]!;
    }
  }
  return covered;
}

/** Edge e is neither forced (marked by forcedCover) nor lost (some covering column may still be 1). */
function isOpen(c: CoverColumns, x: DeficitIndex, e: number, up: Uint8Array): boolean {
  return x.forcedMark[e] !== x.call && coveredOpen(c, e, up);
}

/** Every edge of `es` is open (isOpen). */
function allOpen(c: CoverColumns, x: DeficitIndex, es: readonly number[], up: Uint8Array): boolean {
  for (let t = 0; t < es.length; t++) if (!isOpen(c, x, es[t]!, up)) return false;
  return true;
}

/**
 * The gcd of the weights of service s's open edges (0: none). When its witnesses are all open it is the service's whole
 * grid, read without a bigint operation: the open edges' gcd divides the witnesses' and every weight is a multiple of
 * it (2,000 × 100: a remainder per open edge at every node was most of a node bound's time). Any one of its disjoint
 * witness sets will do.
 */
function openGrid(d: DeficitData, x: DeficitIndex, c: CoverColumns, s: number, up: Uint8Array): bigint {
  const sets = x.witnesses[s]!;
  for (let k = 0; k < sets.length; k++) if (allOpen(c, x, sets[k]!, up)) return x.rootGrid[s]!;
  let g = 0n;
  const edges = x.edgesOf[s]!;
  for (let t = 0; t < edges.length; t++) {
    const e = edges[t]!;
    if (!isOpen(c, x, e, up)) continue;
    const w = d.edgeWeight[e]!;
    // the grid only shrinks; at 1 unit it cannot shrink further; once it settles on the edges' common step most
    // weights are multiples of it: one remainder instead of Euclid's steps
    g = g !== 0n && w % g === 0n ? g : gcd(g, w);
    if (g === 1n) break;
  }
  return g;
}
