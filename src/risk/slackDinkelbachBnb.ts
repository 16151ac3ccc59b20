import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttackBnb } from './bestAttackBnb.js';
import { operatorClimb } from './fastBounds.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { lowerFrom, lowerRatio, operatorsOf, ratio, unscale } from './slackBnb.js';
import type { SlackResult } from './slackResult.js';

/** Dinkelbach steps allowed (each one strictly lowers the ratio). */
const stepsMax = 40;
/** A search step stops once its best attack is within this fraction of its proven bound: the next λ comes
 *  from it; a step that finds none is followed by the proof. The exact maximum far above γ* is costly
 *  (its last few percent take most of the tree at 2,000 × 100) and not needed. */
export const searchGap = 0.05;

export interface SlackDinkelbachBnbOptions {
  readonly deadline: number;
  readonly nodesMax?: number;
  /** Relative gap at which a search step stops (default `searchGap`). */
  readonly searchGap?: number;
}

/**
 * Slack γ* by Dinkelbach's method with every step solved by our exact branch and bound (bestAttackBnb,
 * with the services' cover inequalities): with λ = cost/PfC of the best coalition so far, the most
 * profitable attack at λ (max λ·PfC − cost, proven) either has profit > 0 — a coalition of lower ratio,
 * improved by an operator local search, and the next λ — or none has: λ is the minimum ratio, proven
 * exactly. Unlike HiGHS search steps, each step's tree is tightened by the cover rows, and unlike the
 * parametric tree no bound is carried over from a larger λ (where it is weak).
 */
export async function slackDinkelbachBnb(ix: IndexedNetwork, start: Attack, o: SlackDinkelbachBnbOptions): Promise<SlackResult> {
  let attack = start;
  for (let step = 0; step < stepsMax; step++) {
    const lambda = ratio(attack)!;
    if (lambda.isZero()) return { gamma: Rational.of(-1n), attack, exact: true, lowerBound: null };
    if (Date.now() >= o.deadline) return { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: null };
    const search = await bestAttackBnb(ix, { pfcScale: lambda, deadline: o.deadline, incumbent: null, bestBound: true, stopGap: o.searchGap ?? searchGap });
    const nodes = o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {};
    const found = search.attack && search.attack.profit.sign() > 0;
    const r = found || search.exact ? search : await bestAttackBnb(ix, { pfcScale: lambda, deadline: o.deadline, incumbent: null, bestBound: true, ...nodes });
    if (r.attack && r.attack.profit.sign() > 0) {
      // the attack's revenue is scaled by λ: its real ratio is below λ (found, proven best or not)
      attack = lowerRatio(attack, unscale(r.attack, lambda));
      const climbEnd = Date.now() + Math.min(1000, (o.deadline - Date.now()) / 8);
      attack = lowerRatio(attack, operatorClimb(ix, 'ratio', operatorsOf(ix, attack), new Set(), climbEnd));
      continue;
    }
    if (r.exact) return { gamma: lambda.sub(Rational.ONE), attack, exact: true, lowerBound: null };
    return { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: lowerFrom(ix, lambda, r.profitUpperBound) };
  }
  return { gamma: ratio(attack)!.sub(Rational.ONE), attack, exact: false, lowerBound: null };
}
