import { bestAttack, type BestAttackOptions, type BestAttackResult } from './bestAttack.js';
import { bestAttackBnb } from './bestAttackBnb.js';
import { greedyAttack } from './greedyAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { Rational } from '../math/rational.js';

/** From this many edges on, the most profitable attack is proven by our exact branch and bound (bestAttackBnb). */
export const bestAttackBnbEdgesMin = 150;

export interface BestAttackChosenOptions extends BestAttackOptions {
  /** 'milp': HiGHS with exact certification (bestAttack); 'bnb': our branch and bound with exact bounds, the
   *  greedy attack as its first incumbent. Default: 'bnb' from `bestAttackBnbEdgesMin` edges on for the
   *  profitable-only search at PfC scale 1 without a relative gap, else 'milp'. */
  readonly method?: 'milp' | 'bnb';
}

/**
 * The most profitable attack by the method that proves it: HiGHS's float bounds stall where exact values lie
 * on a grid finer than its tolerance (6-decimal stakes against sums of millions: the bundled mainnet network),
 * while the branch and bound discards nodes only on exact bounds and polishes incumbents on that grid.
 */
export async function bestAttackChosen(ix: IndexedNetwork, options: BestAttackChosenOptions = {}): Promise<BestAttackResult> {
  const plain = (options.profitableOnly ?? true) && (options.pfcScale ?? Rational.ONE).eq(Rational.ONE) && options.relGap === undefined;
  const method = options.method ?? (plain && ix.edges.length >= bestAttackBnbEdgesMin ? 'bnb' : 'milp');
  if (method === 'milp' || !plain) return bestAttack(ix, options);
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const greedy = greedyAttack(ix, Rational.ONE, Date.now() + (deadline - Date.now()) / 8);
  const r = await bestAttackBnb(ix, {
    deadline,
    incumbent: greedy?.attack ?? null,
    ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
  });
  return { attack: r.attack, exact: r.exact, profitUpperBound: r.profitUpperBound };
}
