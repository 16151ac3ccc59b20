import type { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';

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
}
