import { Rational } from '../math/rational.js';
import type { AttackEvaluation } from './evaluateAttack.js';
import { polishAttack } from './gridPolish.js';
import type { IndexedNetwork } from './indexNetwork.js';

/** Wall time one polish of an unprofitable candidate may take. */
const polishBelowMsMax = 300;
/** Polishes a tree may always do (the bundled chain's first successes came at the 3rd to 7th), and beyond them one per
 *  this many candidates offered: counts, not time, so that a node budget gives the same answer on every machine. */
const polishBelowFree = 16;
const polishBelowEvery = 200;
/** Operator sets remembered as already polished (the set is cleared when full). */
const polishBelowKeysMax = 4096;

/** Polishes a candidate of profit ≤ `target` at λ (default 0) when a swap might take it above; null when it does not. */
export type PolishBelow = (ev: AttackEvaluation, scale: Rational, deadline: number, target?: Rational) => AttackEvaluation | null;

/**
 * For one branch and bound: the LP roundings it decodes whose profit at λ is ≤ 0 (or ≤ the best so far, `target`)
 * only because a threshold is overshot, polished on the fine grid (gridPolish) all the same. The best attack of the
 * bundled chain's #6 and #7 stayed 6·10⁻⁶ ETH under its bound while only new bests were polished. Why: bestAttackBnb polishes only attacks of profit
 * > 0, but near γ* (the bundled network after one k/1000 slash) every rounding overshoots the threshold that bounds
 * the cost by more than the best attack's whole profit (0.027 ETH), the LP's bound sits at the exact top-up, and the
 * tree neither finds the attack nor closes. Gate (floats only choose what to try; gridPolish values exactly): the
 * deficit (target − profit) is below some fallen service's overshoot (else no swap on that service can pay it), the operator
 * set was not tried before, and after the first `polishBelowFree` at most one per `polishBelowEvery` candidates.
 */
export function polishBelow(ix: IndexedNetwork): PolishBelow {
  const need = ix.weight.map((w, s) => w.mul(ix.alpha[s]!).toNumber());
  const amount = ix.edges.map((e) => e.amount.toNumber());
  const tried = new Set<string>();
  let offered = 0;
  let done = 0;
  return (ev, scale, deadline, target = Rational.ZERO) => {
    offered++;
    if (done >= polishBelowFree && done * polishBelowEvery >= offered) return null;
    const cover = new Map<number, number>();
    for (const e of ev.edges) cover.set(ix.edges[e]!.svc, (cover.get(ix.edges[e]!.svc) ?? 0) + amount[e]!);
    const over = Math.max(...ev.fallen.map((s) => (cover.get(s) ?? 0) - need[s]!));
    if (!(target.sub(ev.attack.profit).toNumber() < over)) return null;
    const key = ev.attack.operators.join('\u0000');
    if (tried.has(key)) return null;
    if (tried.size >= polishBelowKeysMax) tried.clear();
    tried.add(key);
    done++;
    const out = polishAttack(ix, ev, scale, Math.min(deadline, Date.now() + polishBelowMsMax));
    return out.attack.profit.gt(target) ? out : null;
  };
}
