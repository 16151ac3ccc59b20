import type { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';

/** A rational as it crosses threads: numerator and denominator in decimal. */
export type WirePair = readonly [string, string];

/** An open node of the prover's tree as it crosses threads (milp/treePool PoolBox): packed fixings and its bound. */
export interface WireBox {
  readonly fix: readonly number[];
  readonly bound: WirePair | null;
}

/** A region the searcher closed in a batch of the prover's tree, for the prover's kept proof (milp/proofTree ProofLeaf,
 *  bigints in decimal): packed fixings, the rows and values of its non-zero multipliers at objective scale `yScale`,
 *  reduced-cost flips, and a leaf search's part. */
export interface WireLeaf {
  readonly fix: readonly number[];
  readonly rows: readonly number[];
  readonly y: readonly string[];
  readonly farkas: boolean;
  readonly flips: readonly number[] | null;
  readonly yScale: string;
  readonly part: { readonly digest: string; readonly rest: string; readonly scale: string; readonly extra: readonly number[] } | null;
}

/**
 * The work-sharing messages of 'coop' (slackProverPool, slackSplit): the searcher asks for work at a settled set; the
 * prover hands a batch of its open nodes over; the searcher hands boxes back (when the prover runs dry and asks, or when
 * it stops) and ends each batch with `done`, giving the ratio λ at which its regions were closed (the lowest of its
 * tree; a region closed at λ is closed at every lower one) and, when the prover keeps its proof, the regions it closed
 * (`leaves`: with the boxes handed back they cover the batch).
 */
export type WorkMessage =
  | { readonly kind: 'ask' }
  | { readonly kind: 'boxes'; readonly id: number; readonly boxes: readonly WireBox[] }
  | { readonly kind: 'back'; readonly id: number; readonly boxes: readonly WireBox[] }
  | { readonly kind: 'done'; readonly id: number; readonly at: WirePair; readonly leaves?: readonly WireLeaf[] };

/** The work messages between the two threads of 'coop', on the channel that carries their coalitions (in order). */
export interface WorkChannel {
  post(m: WorkMessage): void;
  /** The work messages received since the last call, in order (a synchronous read, like `SlackShare.better`). */
  take(): WorkMessage[];
}

/**
 * What one thread of the slack's 'coop' method (slackCoop) shares with the other: the coalitions each finds. Only
 * edges cross threads; a received coalition is re-valued exactly on the receiver's network before it is used.
 */
export interface SlackShare {
  /** Tells the other thread of a coalition found here (its ratio is below every coalition this thread had). */
  publish(attack: Attack): void;
  /** The lowest-ratio coalition received so far when its exact ratio cost/PfC is strictly below `than`, else null.
   *  Cheap enough to be called before every node of an exact proof (a synchronous read of the message port). */
  better(than: Rational): Attack | null;
  /** Work sharing of the proof trees (absent: each thread proves alone). */
  readonly work?: WorkChannel;
}
