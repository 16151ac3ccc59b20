import { gcd } from '../math/rational.js';

/** The parts of the node bound's data (attackCoverBound's CoverBoundData) this needs, in 1/lcd units. */
export interface DeficitData {
  readonly services: readonly { readonly need: bigint }[];
  readonly costCols: readonly { readonly col: number }[];
  readonly colsOfEdge: readonly (readonly number[])[];
  readonly edgeService: Int32Array;
  readonly edgeWeight: readonly bigint[];
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
  const ns = d.services.length;
  const covered = new Array<bigint>(ns).fill(0n);
  const grid = new Array<bigint>(ns).fill(0n);
  for (let e = 0; e < d.edgeService.length; e++) {
    const s = d.edgeService[e]!;
    if (s < 0) continue;
    let forced = false;
    let open = false;
    const covering = d.colsOfEdge[e]!;
    for (let t = 0; t < covering.length; t++) {
      const col = d.costCols[covering[t]!]!.col;
      if (lo[col] === 1) forced = true;
      else if (up[col] === 1) open = true;
    }
    const w = d.edgeWeight[e]!;
    if (forced) covered[s]! += w;
    // the grid only shrinks; at 1 unit it cannot shrink further (skip the bigint gcd), and once it settles on the
    // edges' common step most weights are multiples of it: one remainder instead of Euclid's steps (2,000 × 100: the
    // gcds were about a tenth of a warm analysis, in the node bounds of its replay)
    else if (open) {
      const g = grid[s]!;
      if (g !== 1n) grid[s] = g !== 0n && w % g === 0n ? g : gcd(g, w);
    }
  }
  return d.services.map((sv, s) => {
    const deficit = sv.need - covered[s]!;
    if (deficit <= 0n) return 0n;
    const g = grid[s]!;
    if (g === 0n) return null;
    // rounds up: the fewest whole grid steps of extra coverage that reach need
    return ((deficit + g - 1n) / g) * g;
  });
}
