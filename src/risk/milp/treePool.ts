import type { LeafPart } from './leafBound.js';
/** Receives a region a branch and bound discarded (milp/branchAndBound `BnbRecorder`, where the arguments are described). */
export type RegionRecorder = (
  fix: readonly number[],
  y: readonly bigint[] | null,
  farkas: boolean,
  flips: readonly number[] | null,
  yScale: bigint,
  part?: LeafPart,
) => void;

/** A proven bound on a region's values: value / scale, in the objective's rational units (the same on every thread
 *  that builds the program from the same network, whatever its current integer scale). */
export interface PoolBound {
  readonly value: bigint;
  readonly scale: bigint;
}

/** An open node handed between two trees of one proof: its box (packed fixings col·2 + value) and its proven bound. */
export interface PoolBox {
  readonly fix: readonly number[];
  readonly bound: PoolBound | null;
}

/**
 * Work sharing between two branch and bounds that prove one statement together ("no 0/1 point reaches the target"),
 * e.g. the two threads of the slack's 'coop' method (slackProverPool, slackSplit). A tree hands over some of its open
 * nodes when the other asks; the boxes it hands over are then the other's to close, and those it receives are its own.
 * The tree that holds the whole space (the owner) is exhausted only when its own nodes are and nothing it handed over
 * is still out: `idle` waits for that.
 */
export interface TreePool {
  /** Before each node, with the count of open nodes: boxes received to search here, and how many open nodes to hand
   *  over now (0: none; never all of them). */
  poll(open: number): { readonly add: readonly PoolBox[]; readonly give: number };
  /** Hands the boxes over: from now on the other tree closes them. */
  give(boxes: readonly PoolBox[]): void;
  /** No open node left here: boxes to search (received back or a new batch), [] at the deadline or once the tree's
   *  `stop` holds (the search then ends unproven), or null when nothing is out (the boxes handed over are all closed). */
  idle(deadline: number): Promise<readonly PoolBox[] | null>;
  /** The search ends unproven (e.g. stopped) with open nodes: the pool decides whether they go back, and takes them with
   *  `take` (their boxes within `fixingsMax` packed fixings, then the boxes received that cover the rest). */
  leave(take: (fixingsMax: number) => readonly PoolBox[]): void;
  /** The proven bounds of the boxes still out (null: one without a bound), for an unproven search's bound. */
  out(): readonly (PoolBound | null)[];
  /** The owner's tree keeps its proof (milp/proofTree): the regions the other tree closes in the boxes handed over go to
   *  `rec` too (or, where it sends none, each box as a region without multipliers), so the proof covers every point.
   *  `rows`: the program's row count (received regions are checked against it). */
  attach?(rec: RegionRecorder, rows: number): void;
}
