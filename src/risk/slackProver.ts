import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttackBnb } from './bestAttackBnb.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { attackVariables } from './milp/attackProgram.js';
import { attackColumns } from './milp/exactAttackProgram.js';
import type { ProofTree } from './milp/proofTree.js';
import { lowerFrom, lowerRatio, ratio, unscale } from './slackBnb.js';
import { slackProverPool } from './slackProverPool.js';
import type { SlackResult } from './slackResult.js';
import type { SlackShare } from './slackShare.js';

/** Trees allowed (a new one only when a tree ends with a coalition it did not descend to). */
const treesMax = 60;

export interface SlackProverOptions {
  readonly deadline: number;
  readonly nodesMax?: number;
  readonly share: SlackShare;
  /** bestAttackBnb `coverSeparation` and `separateRounds` for the tree. */
  readonly coverSeparation?: boolean;
  readonly separateRounds?: number;
  /** bestAttackBnb `leafBound` (default true). */
  readonly leafBound?: boolean;
  /** Called with the exhausted tree's proof (bestAttackBnb `keepProof`) at γ*'s λ when the answer is exact: a warm
   *  start replays it instead of proving γ* again on one thread (warmSlack). Not with `coverSeparation`. */
  readonly onProof?: (tree: ProofTree, lambda: Rational) => void;
}

/**
 * The prover thread of the slack's 'coop' method: one exact tree (bestAttackBnb, cover rows and bound as in the 'bnb'
 * route's proof) at λ = the lowest ratio known, that descends in place — to a coalition it meets itself (`descend`,
 * published at once) or to one the other thread publishes (`retarget`, checked before each node) — instead of
 * restarting: λ·PfC − cost only falls with λ, so the bounds proven at the old λ stay valid and the work done before
 * the searcher's last improvement is kept. When the tree is exhausted nothing has λ·PfC − cost > 0 at the last λ,
 * which is the ratio of the coalition held: γ* = λ − 1, exact.
 */
export async function slackProver(ix: IndexedNetwork, start: Attack, o: SlackProverOptions): Promise<SlackResult> {
  let attack = start;
  const take = (): Rational | null => {
    const got = o.share.better(ratio(attack)!);
    if (!got) return null;
    attack = got;
    return ratio(got);
  };
  const descend = (found: Attack, lambda: Rational): Rational => {
    const before = attack;
    attack = lowerRatio(attack, unscale(found, lambda));
    if (attack !== before) o.share.publish(attack);
    return ratio(attack)!;
  };
  take();
  // with a work channel the searcher closes some of the tree's open nodes (slackProverPool, slackSplit)
  const pool = o.share.work ? slackProverPool(o.share.work, attackColumns(ix, attackVariables(ix), false).count) : null;
  // the last tree's proven bound, as a bound on γ*: valid whatever coalition is held since (bounds proven at a λ hold
  // for every coalition), so a tree cut by a retarget just before the deadline still reports it
  let lower: Rational | null = null;
  for (let tree = 0; tree < treesMax; tree++) {
    const lambda = ratio(attack)!;
    if (lambda.isZero()) return { gamma: Rational.of(-1n), attack, exact: true, lowerBound: null };
    if (Date.now() >= o.deadline) return { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: lower };
    const nodes = o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {};
    pool?.reset();
    const r = await bestAttackBnb(ix, {
      pfcScale: lambda,
      deadline: o.deadline,
      descend,
      retarget: take,
      incumbent: null,
      ...nodes,
      bestBound: true,
      ...(o.coverSeparation !== undefined ? { coverSeparation: o.coverSeparation } : {}),
      ...(o.separateRounds !== undefined ? { separateRounds: o.separateRounds } : {}),
      ...(o.leafBound !== undefined ? { leafBound: o.leafBound } : {}),
      ...(pool ? { pool } : {}),
      ...(o.onProof ? { keepProof: true } : {}),
    });
    const last = r.pfcScale;
    // an answer the descent did not take (λ would reach 0): a new tree from it
    if (r.attack && r.attack.profit.sign() > 0) {
      descend(r.attack, last);
      continue;
    }
    // an exhausted tree proves "no coalition below the lowest ratio it or the searcher's part was closed at" (λ·PfC −
    // cost only falls with λ): that is the coalition held, even one received after the tree's last node (the searcher's
    // last batch may have been closed at the coalition it met there), when the searcher's part holds at its ratio
    take();
    const held = ratio(attack)!;
    if (r.exact && (!pool || pool.soundAt(held))) {
      if (r.tree && held.eq(last)) o.onProof?.(r.tree, last);
      return { gamma: held.sub(Rational.ONE), attack, exact: true, lowerBound: null };
    }
    // (an exhausted tree whose searcher's part does not hold here proves no bound that is checked here)
    lower = r.exact ? lower : lowerFrom(ix, last, r.profitUpperBound);
    // a retarget between the tree's last node and its end, or a searcher's part closed above the coalition: a new tree
    if (!held.eq(last) || r.exact) continue;
    return { gamma: last.sub(Rational.ONE), attack, exact: false, lowerBound: lower };
  }
  return { gamma: ratio(attack)!.sub(Rational.ONE), attack, exact: false, lowerBound: lower };
}
