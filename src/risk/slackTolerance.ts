import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttackBnb } from './bestAttackBnb.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { lowerRatio, ratio, unscale } from './slackBnb.js';
import type { SlackResult } from './slackResult.js';

/** The proof runs at λ·(1 − 10^-toleranceDigits): γ* is then bracketed to about this many significant digits. */
export const toleranceDigits = 12n;
/** Nodes the tolerance proof may take: on a plateau it closes in a few dozen (the wei-precision bundled network: 25). */
export const toleranceNodesMax = 200;
/** Share of a time limit kept back for the tolerance proof, and at most this many seconds. */
export const toleranceShare = 0.1;
export const toleranceSMax = 2;

/**
 * Why: on a fine grid (amounts to the wei, as a chain import gives) the exact proof at the weakest coalition's ratio λ
 * stalls on a plateau. The LP tops a threshold up with a fraction of a small allocation, a few gwei above every integer
 * point, and closing that last gap is a subset-sum problem at wei precision: the wei-precision copy of the bundled
 * network ended its γ* after its whole share at [−0.88738, −0.88397], its tree's bound 1.8 · 10⁻⁹ ETH above zero after
 * 1,616 nodes. A tree at λ·(1 − 10⁻¹²) has every plateau node below zero and closed in 25 nodes (0.2–0.3 s), so it
 * proves γ* ≥ λ·(1 − 10⁻¹²) − 1: the figure stays unproven (`exact` false), with a lower bound twelve digits tight.
 *
 * Returns `r` with the tighter of the two lower bounds, or with a lower coalition when the tree meets one (a coalition
 * of ratio below λ·(1 − 10⁻¹²): γ*'s upper end moves down, the old lower bound stays valid).
 */
export async function slackTolerance(
  ix: IndexedNetwork,
  r: SlackResult,
  o: { readonly deadline: number; readonly nodesMax?: number },
): Promise<SlackResult> {
  const lambda = ratio(r.attack);
  if (r.exact || !r.attack || !lambda || lambda.sign() <= 0 || Date.now() >= o.deadline) return r;
  const cut = lambda.mul(Rational.ONE.sub(Rational.of(1n, 10n ** toleranceDigits)));
  const nodesMax = Math.min(o.nodesMax ?? toleranceNodesMax, toleranceNodesMax);
  const t = await bestAttackBnb(ix, { pfcScale: cut, deadline: o.deadline, bestBound: true, nodesMax });
  if (t.attack && t.attack.profit.sign() > 0) {
    const attack: Attack = lowerRatio(r.attack, unscale(t.attack, cut));
    return { ...r, attack, gamma: ratio(attack)!.sub(Rational.ONE) };
  }
  if (!t.exact) return r;
  const lower = cut.sub(Rational.ONE);
  return { ...r, lowerBound: r.lowerBound && r.lowerBound.gt(lower) ? r.lowerBound : lower };
}
