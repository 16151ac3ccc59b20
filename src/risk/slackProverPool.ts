import type { Rational } from '../math/rational.js';
import type { PoolBound, PoolBox, RegionRecorder, TreePool } from './milp/treePool.js';
import { pause } from './pause.js';
import type { WireLeaf, WorkChannel } from './slackShare.js';
import { pairRational, poolBoxOf, recordWireLeaf, wireBox } from './slackWire.js';

/** How often the idle prover reads its channel (ms). */
export const workPollMs = 2;
/** The idle prover takes its batches back after this long without an answer (ms): a batch the searcher never saw
 *  (it had stopped waiting for it) or a searcher busy elsewhere must not hold the proof up to the deadline. */
const reclaimMs = 2000;

/** The prover's side of the work sharing (milp/treePool), with what its answer needs to know. */
export interface ProverPool extends TreePool {
  /** A new tree: the batches of the last one are forgotten (answers about them are ignored). */
  reset(): void;
  /** Whether the searcher's part of this tree holds at ratio λ: every batch it closed was closed at a ratio ≥ λ (a
   *  region closed at a ratio is closed at every lower one), and every box it handed back was a box of the program. */
  soundAt(lambda: Rational): boolean;
}

/** What the prover's pool knows of the searcher. */
interface PoolState {
  /** The searcher asked for work. */
  asked: boolean;
  /** This tree asked for boxes back and has had none since. */
  askedBack: boolean;
  nextId: number;
  /** Batches out, kept until `done` (or taken back). */
  readonly batches: Map<number, readonly PoolBox[]>;
  /** Boxes handed back, to search here. */
  readonly pending: PoolBox[];
  /** The lowest ratio a batch of this tree was closed at. */
  closedAt: Rational | null;
  /** A box handed back (or a region closed) was not one of the program's. */
  broken: boolean;
  /** The tree's proof recorder and its program's row count (TreePool `attach`), when it keeps its proof. */
  keep: { readonly rec: RegionRecorder; readonly rows: number } | null;
}

/**
 * The work sharing of the 'coop' prover's tree (slackProver) over its channel to the searcher (slackSplit): when the
 * searcher asks, half of the open nodes go to it as a batch; the boxes it hands back are searched here; with no open
 * node left the tree asks for some of the searcher's and waits, and is exhausted when every batch is `done`. Boxes
 * handed over are kept until then, so a batch not answered within `reclaimMs` is searched here again (sound, only
 * repeated work). `columns`: the program's column count (received boxes are checked against it).
 */
export function slackProverPool(work: WorkChannel, columns: number): ProverPool {
  const st: PoolState = {
    asked: false,
    askedBack: false,
    nextId: 0,
    batches: new Map(),
    pending: [],
    closedAt: null,
    broken: false,
    keep: null,
  };
  return {
    poll(open: number) {
      drain(st, work, columns);
      const add = st.pending.splice(0);
      const all = open + add.length;
      return { add, give: st.asked && all >= 2 ? Math.floor(all / 2) : 0 };
    },
    give(boxes: readonly PoolBox[]): void {
      const id = st.nextId++;
      st.batches.set(id, boxes);
      st.asked = false;
      work.post({ kind: 'boxes', id, boxes: boxes.map(wireBox) });
    },
    idle: (deadline: number) => idle(st, work, columns, deadline),
    leave(): void {},
    out(): readonly (PoolBound | null)[] {
      return [...st.batches.values()].flatMap((boxes) => boxes.map((b) => b.bound));
    },
    attach(rec: RegionRecorder, rows: number): void {
      st.keep = { rec, rows };
    },
    reset(): void {
      st.keep = null;
      st.batches.clear();
      st.pending.length = 0;
      st.askedBack = false;
      st.closedAt = null;
      st.broken = false;
    },
    soundAt(lambda: Rational): boolean {
      return !st.broken && (st.closedAt === null || !st.closedAt.lt(lambda));
    },
  };
}

/** Reads the searcher's messages: asks, boxes handed back and batches done (of this tree's batches only). */
function drain(st: PoolState, work: WorkChannel, columns: number): void {
  for (const m of work.take()) {
    if (m.kind === 'ask') st.asked = true;
    else if (m.kind === 'back' && st.batches.has(m.id))
      for (const b of m.boxes) {
        const box = poolBoxOf(b, columns);
        if (box) st.pending.push(box);
        else st.broken = true;
      }
    else if (m.kind === 'done' && st.batches.has(m.id)) {
      const at = pairRational(m.at);
      st.closedAt = st.closedAt === null || at.lt(st.closedAt) ? at : st.closedAt;
      if (st.keep) keepBatch(st, st.keep, st.batches.get(m.id)!, m.leaves, columns);
      st.batches.delete(m.id);
    }
  }
}

/** A batch done, into the kept proof: the regions the searcher closed in it (with the boxes it handed back, searched
 *  here, they cover it), or each of its boxes as a region without multipliers when it sent none. */
function keepBatch(
  st: PoolState,
  keep: NonNullable<PoolState['keep']>,
  boxes: readonly PoolBox[],
  leaves: readonly WireLeaf[] | undefined,
  columns: number,
): void {
  if (leaves === undefined) for (const b of boxes) keep.rec(b.fix, null, false, null, 1n);
  else for (const l of leaves) if (!recordWireLeaf(keep.rec, l, columns, keep.rows)) st.broken = true;
}

/** No open node left: asks the searcher for boxes once and waits for them, for every batch to be done, or the deadline. */
async function idle(st: PoolState, work: WorkChannel, columns: number, deadline: number): Promise<readonly PoolBox[] | null> {
  const since = Date.now();
  for (;;) {
    drain(st, work, columns);
    if (st.pending.length > 0) {
      st.askedBack = false;
      return st.pending.splice(0);
    }
    if (st.batches.size === 0) return null;
    if (Date.now() >= deadline) return [];
    if (Date.now() - since >= reclaimMs) {
      for (const boxes of st.batches.values()) for (const b of boxes) st.pending.push(b);
      st.batches.clear();
    } else if (!st.askedBack) {
      work.post({ kind: 'ask' });
      st.askedBack = true;
    }
    await pause(workPollMs, deadline);
  }
}
