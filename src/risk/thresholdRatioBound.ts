import { Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { servicesByThreshold } from './servicesByThreshold.js';

/**
 * A proven lower bound on cost/PfC of every attacking coalition, from a proven U > 0 with λ·PfC(A) − cost(A) ≤ U
 * for every attack (a branch and bound's bound at scale λ > 0) and the services' thresholds. A coalition whose
 * highest threshold is t = α_s·W_s costs at least t (the corrupted amounts on s reach it, and no operator pays less
 * than an allocation of its own, which never exceeds its stake: fastBounds' coverBounds rests on the same) and earns
 * P ≤ P_t = Σ PfC of the services with threshold ≤ t; its ratio is at least max(λ − U/P, t/P). Over P ∈ (0, P_t] that is least where the two meet, P* = (U + t)/λ, giving
 * λ·t/(U + t), or at P_t when P* > P_t, giving t/P_t. The bound is the least of these over the thresholds t.
 * Why: λ − U/min PfC (slackBnb's lowerFrom alone) proves nothing once U exceeds λ times the smallest PfC, which is
 * where an unfinished γ* proof at 2,000 × 100 ends (U of 15,000–28,000 ETH at λ); the thresholds rule out the
 * small-PfC coalitions that term has to allow. Exact rationals; 0 when it proves nothing.
 */
export function thresholdRatioBound(ix: IndexedNetwork, lambda: Rational, upper: Rational): Rational {
  if (lambda.sign() <= 0 || upper.sign() <= 0) return Rational.ZERO;
  let least: Rational | null = null;
  let prefix = Rational.ZERO;
  // services of equal threshold need no grouping: before the last of them, prefix < P_t only raises the value tried
  for (const { pfc, need: t } of servicesByThreshold(ix)) {
    prefix = prefix.add(pfc);
    const meet = upper.add(t).div(lambda);
    const bound = meet.lte(prefix) ? lambda.mul(t).div(upper.add(t)) : t.div(prefix);
    if (least === null || bound.lt(least)) least = bound;
  }
  return least ?? Rational.ZERO;
}
