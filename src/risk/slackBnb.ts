import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttackBnb } from './bestAttackBnb.js';
import { operatorClimb } from './fastBounds.js';
import type { IndexedNetwork } from './indexNetwork.js';
import type { SlackResult } from './slackResult.js';
import { thresholdRatioBound } from './thresholdRatioBound.js';

/** Ratio steps allowed (each one strictly lowers the ratio). */
const ratioStepsMax = 60;

export function ratio(a: Attack | null | undefined): Rational | null {
  return a && a.revenue.sign() > 0 ? a.cost.div(a.revenue) : null;
}

export function lowerRatio(a: Attack, b: Attack | null | undefined): Attack {
  const rb = ratio(b);
  return b && rb && rb.lt(ratio(a)!) ? b : a;
}

export interface SlackBnbOptions {
  readonly deadline: number;
  readonly nodesMax?: number;
}

/**
 * Slack γ* from a starting coalition by a parametric search in one exact branch and bound (bestAttackBnb
 * with `descend`): with λ = cost/PfC of the best coalition so far, any attack with λ·PfC − cost > 0 has a
 * lower ratio; when one is found (and improved by an operator local search) the tree goes on with the new
 * λ, its bounds still valid because λ·PfC − cost only falls with λ. When the tree is exhausted no attack
 * has λ·PfC − cost > 0 at the last λ (exact, on its integer grid): λ is the minimum ratio.
 */
export async function slackBnb(ix: IndexedNetwork, start: Attack, o: SlackBnbOptions): Promise<SlackResult> {
  let attack = start;
  const descend = (found: Attack, lambda: Rational): Rational => {
    attack = lowerRatio(attack, unscale(found, lambda));
    const climbEnd = Date.now() + Math.min(1000, (o.deadline - Date.now()) / 8);
    attack = lowerRatio(attack, operatorClimb(ix, 'ratio', operatorsOf(ix, attack), new Set(), climbEnd));
    return ratio(attack)!;
  };
  for (let round = 0; round < ratioStepsMax; round++) {
    const lambda = ratio(attack)!;
    if (lambda.isZero()) return { gamma: Rational.of(-1n), attack, exact: true, lowerBound: null };
    if (Date.now() >= o.deadline) return { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: null };
    const nodes = o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {};
    // no cover rows here: on the bundled full-restaking network (the one network this method is chosen for)
    // they turned a 6 s proof of γ* into an unfinished 60 s search (measured 2026-12-05, after merging both)
    const r = await bestAttackBnb(ix, { pfcScale: lambda, deadline: o.deadline, descend, coverCuts: false, ...nodes });
    const last = r.pfcScale;
    // an answer the descent did not take (λ reached 0): one more round from it
    if (r.attack && r.attack.profit.sign() > 0) {
      attack = lowerRatio(attack, unscale(r.attack, last));
      continue;
    }
    if (!ratio(attack)!.eq(last)) continue;
    if (r.exact) return { gamma: last.sub(Rational.ONE), attack, exact: true, lowerBound: null };
    return { gamma: last.sub(Rational.ONE), attack, exact: false, lowerBound: lowerFrom(ix, last, r.profitUpperBound) };
  }
  return { gamma: ratio(attack)!.sub(Rational.ONE), attack, exact: false, lowerBound: null };
}

export function operatorsOf(ix: IndexedNetwork, a: Attack): number[] {
  const index = new Map(ix.opIds.map((id, v) => [id, v] as const));
  return a.operators.map((id) => index.get(id)!);
}

/** The attack found at PfC scale λ, with its real revenue (its real ratio is cost / (revenue/λ) < λ). */
export function unscale(a: Attack, lambda: Rational): Attack {
  const revenue = a.revenue.div(lambda);
  return { ...a, revenue, profit: revenue.sub(a.cost) };
}

/** From max(λ·PfC(A) − cost) ≤ U: cost/PfC ≥ λ − U/PfC(A) ≥ λ − U/min PfC (when U > 0), and the same U with the
 *  services' thresholds (thresholdRatioBound); the larger of the two, minus 1. */
export function lowerFrom(ix: IndexedNetwork, lambda: Rational, upper: Rational | null): Rational | null {
  if (upper === null) return null;
  if (upper.sign() <= 0) return lambda.sub(Rational.ONE);
  const positive = ix.pfc.filter((p) => p.sign() > 0);
  const minPfc = positive.reduce((a, b) => a.min(b), positive[0]!);
  const lb = lambda.sub(upper.div(minPfc)).max(thresholdRatioBound(ix, lambda, upper));
  return lb.max(Rational.ZERO).sub(Rational.ONE);
}
