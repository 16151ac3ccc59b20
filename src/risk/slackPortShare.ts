import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { attackOnNetwork } from './attackOnNetwork.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { lowerRatio, ratio } from './slackBnb.js';
import type { SlackShare, WorkMessage } from './slackShare.js';
import { readWorkMessage } from './slackWire.js';

/** A coalition as it crosses threads: its edges only. */
export interface SharedCoalition {
  readonly edges: readonly { readonly operator: string; readonly service: string }[];
}

/**
 * The SlackShare of one 'coop' thread over its end of a MessageChannel whose other end the other thread holds.
 * Received coalitions are read synchronously (receiveMessageOnPort: no event-loop turn is needed, so an exact proof
 * that runs between HiGHS calls without yielding can check it before every node) and re-valued exactly on `ix`;
 * anything that is not a coalition of this network or a work message of the proof trees (`work`) is ignored.
 */
export function portShare(ix: IndexedNetwork, port: MessagePort): SlackShare {
  let best: Attack | null = null;
  // its exact ratio, kept: `better` runs before every node of a proof, and a ratio is a bigint division with a gcd
  let bestRatio: Rational | null = null;
  // the work messages of the proof trees (slackProverPool, slackSplit), in order, until `work.take`
  const inbox: WorkMessage[] = [];
  const receive = (): void => {
    for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
      const work = readWorkMessage(m.message);
      if (work) {
        inbox.push(work);
        continue;
      }
      const edges = (m.message as SharedCoalition | null)?.edges;
      if (!Array.isArray(edges)) continue;
      const a = attackOnNetwork(ix, { edges });
      if (a === null || a.revenue.sign() <= 0) continue;
      best = best === null ? a : lowerRatio(best, a);
      bestRatio = ratio(best);
    }
  };
  return {
    publish(attack: Attack): void {
      // the other thread sent this one or a lower one: nothing to tell
      receive();
      if (bestRatio !== null && !ratio(attack)!.lt(bestRatio)) return;
      const shared: SharedCoalition = { edges: attack.edges.map((e) => ({ operator: e.operator, service: e.service })) };
      port.postMessage(shared);
    },
    better(than: Rational): Attack | null {
      receive();
      return bestRatio !== null && bestRatio.lt(than) ? best : null;
    },
    work: {
      post: (m: WorkMessage): void => port.postMessage(m),
      take(): WorkMessage[] {
        receive();
        return inbox.splice(0);
      },
    },
  };
}
