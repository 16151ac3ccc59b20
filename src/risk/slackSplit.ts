import type { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttackBnb } from './bestAttackBnb.js';
import { handOver, type BnbRecorder } from './milp/branchAndBound.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { attackVariables } from './milp/attackProgram.js';
import { attackColumns } from './milp/exactAttackProgram.js';
import { proofLeavesMax } from './milp/proofTree.js';
import type { PoolBound, PoolBox, TreePool } from './milp/treePool.js';
import { pause } from './pause.js';
import { lowerRatio, ratio, unscale } from './slackBnb.js';
import { workPollMs } from './slackProverPool.js';
import type { SlackShare, WireBox, WireLeaf, WorkChannel, WirePair } from './slackShare.js';
import { poolBoxOf, wireBox, wireLeaf, wirePair } from './slackWire.js';

export interface SplitOptions {
  readonly deadline: number;
  /** bestAttackBnb `leafBound` for the searcher's trees (default true). */
  readonly leafBound?: boolean;
  /** Ends the work sharing (checked like the share), e.g. once the prover's answer is in. */
  readonly stop?: () => boolean;
  /** The prover keeps its proof: each batch's `done` carries the regions closed in it (slackShare WireLeaf). */
  readonly keepProof?: boolean;
}

/** A batch of the prover's open nodes. */
interface Batch {
  readonly id: number;
  readonly boxes: readonly PoolBox[];
}

/**
 * The 'coop' searcher at a settled set, where only the prover's exact tree at λ can move: instead of waiting, it asks
 * the prover for open nodes of that tree and closes them with its own exact tree at λ (bestAttackBnb over a pool: two
 * cores on one proof), batch after batch in the same tree (its program and LP are built once per λ); it hands boxes
 * back when the prover runs dry and asks, and all its open ones when it stops. Each batch ends with `done` at the
 * lowest ratio the tree ran at (slackProverPool checks it against the coalition the prover ends with). Returns a
 * coalition of ratio below λ met in a box (published: the round's step), or null once the share holds a lower coalition
 * (the prover's), `stop` holds or at the deadline.
 */
export async function slackSplit(
  ix: IndexedNetwork,
  share: SlackShare,
  work: WorkChannel,
  lambda: Rational,
  o: SplitOptions,
): Promise<Attack | null> {
  let found: Attack | null = null;
  // nothing has a ratio below 0 (the round ends there before it splits)
  if (lambda.sign() <= 0) return null;
  const stop = (): boolean => found !== null || share.better(lambda) !== null || o.stop?.() === true;
  const descend = (a: Attack, scale: Rational): Rational => {
    const next = unscale(a, scale);
    found = found ? lowerRatio(found, next) : next;
    share.publish(found);
    return ratio(found)!;
  };
  const columns = attackColumns(ix, attackVariables(ix), false).count;
  const leaves = o.keepProof ? leafCollector() : null;
  const pool = searcherPool(work, { columns, at: wirePair(lambda.num, lambda.den), stop, deadline: o.deadline, leaves });
  const r = await bestAttackBnb(ix, {
    pfcScale: lambda,
    deadline: o.deadline,
    incumbent: null,
    bestBound: true,
    starts: [],
    pool,
    stop,
    descend,
    ...(o.leafBound !== undefined ? { leafBound: o.leafBound } : {}),
    ...(leaves ? { recorder: (...a: Parameters<BnbRecorder>) => leaves.add(wireLeaf(...a)) } : {}),
  });
  // an answer the descent did not take (its ratio would be 0): the batch's regions closed against it prove nothing at
  // the floor, so the whole batch goes back
  if (r.attack && r.attack.profit.sign() > 0) {
    descend(r.attack, r.pfcScale);
    pool.finish(null);
  } else pool.finish(wirePair(r.pfcScale.num, r.pfcScale.den));
  return found;
}

/** Boxes in runs of at most `handOver.fixingsMax` packed fixings (at least one box each). */
export function fixingChunks(boxes: readonly PoolBox[]): PoolBox[][] {
  const out: PoolBox[][] = [];
  let run: PoolBox[] = [];
  let fixings = 0;
  for (const b of boxes) {
    if (run.length > 0 && fixings + b.fix.length > handOver.fixingsMax) {
      out.push(run);
      [run, fixings] = [[], 0];
    }
    run.push(b);
    fixings += b.fix.length;
  }
  if (run.length > 0) out.push(run);
  return out;
}

/** Packed fixings of open nodes handed back as the searcher's tree stops (beyond them, the batch's boxes that hold the
 *  rest: milp/branchAndBound `leftBoxes`), in messages of `handOver.fixingsMax` each. */
export const leaveFixingsMax = 1 << 22;

/** `fixingsMax`: packed fixings of the regions kept for one batch's `done`, at most (about 64 MB as numbers). Mutable for
 *  the tests only (they lower it to make small batches overrun it). */
export const batchLeaves = { fixingsMax: 1 << 23 };

/** The regions the searcher closed in the batch held, for its `done` when the prover keeps its proof. */
export interface LeafCollector {
  add(leaf: WireLeaf): void;
  /** The batch's regions (and a fresh start for the next batch); undefined when they overran the bounds. */
  take(): WireLeaf[] | undefined;
}

/**
 * Keeps at most proofLeavesMax regions and `batchLeaves.fixingsMax` fixings per batch; past either bound it keeps none and
 * `take` gives undefined: the `done` then carries no regions, and the prover keeps the batch's boxes as regions without
 * multipliers (sound: a replay searches them again). Why: each region is its whole box, and one batch of a 2,000 × 100
 * γ* proof closed 26,000 regions of thousands of fixings (1 GB of the searcher's heap in 40 s); a proof of more than
 * proofLeavesMax regions is not kept anyway (milp/proofTree).
 */
export function leafCollector(): LeafCollector {
  let leaves: WireLeaf[] = [];
  let fixings = 0;
  let over = false;
  return {
    add(leaf) {
      if (over) return;
      fixings += leaf.fix.length;
      if (leaves.length >= proofLeavesMax || fixings > batchLeaves.fixingsMax) [over, leaves] = [true, []];
      else leaves.push(leaf);
    },
    take() {
      const out = over ? undefined : leaves;
      [leaves, fixings, over] = [[], 0, false];
      return out;
    },
  };
}

/** What the searcher's pool reads: the program's column count, the ratio its batches are closed at, when to stop. */
interface SearcherContext {
  readonly columns: number;
  readonly at: WirePair;
  readonly stop: () => boolean;
  readonly deadline: number;
  /** The regions closed in the batch held (sent with its `done`), when the prover keeps its proof. */
  readonly leaves: LeafCollector | null;
}

/** Asks the prover for a batch and waits for it (null: stopped or the deadline; the ask may still be answered, and
 *  such a batch is handed straight back at the next read). */
async function askBoxes(work: WorkChannel, c: SearcherContext): Promise<Batch | null> {
  work.post({ kind: 'ask' });
  while (!c.stop() && Date.now() < c.deadline) {
    await pause(workPollMs, c.deadline);
    const batch = received(work, c);
    if (batch) return batch;
  }
  return null;
}

/** The first batch received (any later one is handed straight back); the prover's asks are stale here (it asked for
 *  boxes of a batch already done). */
function received(work: WorkChannel, c: SearcherContext): Batch | null {
  let batch: Batch | null = null;
  for (const m of work.take()) {
    if (m.kind !== 'boxes') continue;
    const boxes = m.boxes.map((b) => poolBoxOf(b, c.columns));
    if (batch || boxes.some((b) => b === null)) bounce(work, m.id, m.boxes, c);
    else batch = { id: m.id, boxes: boxes as PoolBox[] };
  }
  return batch;
}

/** A batch handed straight back, with nothing closed. */
function bounce(work: WorkChannel, id: number, boxes: readonly WireBox[], c: SearcherContext): void {
  work.post({ kind: 'back', id, boxes });
  work.post({ kind: 'done', id, at: c.at, ...(c.leaves ? { leaves: [] } : {}) });
}

/** The searcher's pool, and the end of its tree: `done` for the batch held, at the ratio given (null: the batch's
 *  boxes all go back first). */
interface SearcherPool extends TreePool {
  finish(at: WirePair | null): void;
}

/**
 * The searcher's side: with no open node it closes the batch held (`done`) and asks for the next; half of its open nodes
 * go back when the prover asks, and every open one when it stops; a batch it did not ask for goes straight back.
 */
function searcherPool(work: WorkChannel, c: SearcherContext): SearcherPool {
  let asked = false;
  let held: Batch | null = null;
  const back = (boxes: readonly PoolBox[]): void => {
    if (!held) return;
    // in messages of at most handOver.fixingsMax fixings (all its open nodes go back when the tree stops)
    for (const part of fixingChunks(boxes)) work.post({ kind: 'back', id: held.id, boxes: part.map(wireBox) });
  };
  const finish = (at: WirePair | null): void => {
    const closed = c.leaves ? c.leaves.take() : null;
    if (!held) return;
    if (at === null) back(held.boxes);
    // regions closed against an answer the descent did not take prove nothing: the whole batch went back, none are sent
    // none at all past the collector's bounds: the prover keeps the batch's boxes as regions without multipliers
    const sent = closed === null ? null : at === null ? [] : closed;
    work.post({ kind: 'done', id: held.id, at: at ?? c.at, ...(sent ? { leaves: sent } : {}) });
    held = null;
  };
  return {
    poll(open: number) {
      for (const m of work.take()) {
        if (m.kind === 'ask') asked = true;
        else if (m.kind === 'boxes') bounce(work, m.id, m.boxes, c);
      }
      return { add: [], give: asked && open >= 2 ? Math.floor(open / 2) : 0 };
    },
    give(boxes: readonly PoolBox[]): void {
      back(boxes);
      asked = false;
    },
    async idle(): Promise<readonly PoolBox[] | null> {
      // every box of the batch held is closed (or went back): at λ, the tree's only ratio until a descent stops it
      finish(c.at);
      asked = false;
      held = await askBoxes(work, c);
      return held ? held.boxes : [];
    },
    leave: (take) => back(take(leaveFixingsMax)),
    out: (): readonly (PoolBound | null)[] => [],
    finish,
  };
}
