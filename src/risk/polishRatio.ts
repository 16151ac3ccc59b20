import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { evaluateKnown } from './bestAttackBnb.js';
import type { AttackEvaluation } from './evaluateAttack.js';
import { polishAttack } from './gridPolish.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { gridThreshold } from './milp/attackProgram.js';
import { lowerRatio, ratio, unscale } from './slackBnb.js';

/** Wall time one polish may take (gridPolish stops earlier when its swap rounds stop improving). */
export const polishRatioMsMax = 1500;
/** Seeds (draws of swap items) tried per polish. */
const polishRatioSeedsMax = 16;

/**
 * A coalition polished on the fine grid (gridPolish) at its own ratio λ = cost/PfC, where its profit λ·PfC − cost is
 * exactly 0: any swap that makes the profit positive at λ is a coalition of lower ratio, which is returned (else the
 * coalition itself). Why: the slack's proof trees bound λ·PfC − cost by an LP that tops the tightest threshold up
 * with fractions of operators that cost exactly what they cover; when the last coalition overshoots that threshold by
 * a few grid units (the bundled network after one k/1000 slash: 1.6·10⁻⁴ ETH over Lagrange Committees' threshold) no
 * tree closes, and the trees' own polish only sees attacks of profit > 0 at λ, which the swaps around this coalition
 * are not until polished. Exact: gridPolish values every accepted swap with evaluateAttack.
 */
export function polishRatio(ix: IndexedNetwork, attack: Attack, deadline: number): Attack {
  const lambda = ratio(attack);
  if (!lambda || lambda.sign() <= 0 || Date.now() >= deadline) return attack;
  const ev = evaluateKnown(ix, attack, lambda);
  if (!ev || reachesThreshold(ix, ev)) return attack;
  const end = Math.min(deadline, Date.now() + polishRatioMsMax);
  // gridPolish draws its swap items at random and stops after a few idle rounds: another seed is another draw
  // (bundled network after four commands: 1 of 3 seeds found the last 3·10⁻⁶ ETH, each in < 0.1 s)
  for (let seed = 1; seed <= polishRatioSeedsMax && Date.now() < end; seed++) {
    const out = polishAttack(ix, ev, lambda, end, seed);
    if (out.attack.profit.sign() > 0) return lowerRatio(attack, unscale(out.attack, lambda));
  }
  return attack;
}

/**
 * Some fallen service is covered exactly at its threshold (on its amounts' grid, gridThreshold): that is where the
 * LP's top-up sits, and gridPolish's swaps keep it covered, so they can only trade operators of equal cost there. On
 * the bundled network the polish of such a coalition found nothing in 16 seeds and cost 1.3 s of a 2.9 s γ*.
 */
function reachesThreshold(ix: IndexedNetwork, ev: AttackEvaluation): boolean {
  const cover = new Map<number, Rational>();
  for (const e of ev.edges) {
    const { svc, amount } = ix.edges[e]!;
    cover.set(svc, (cover.get(svc) ?? Rational.ZERO).add(amount));
  }
  return ev.fallen.some((s) => (cover.get(s) ?? Rational.ZERO).eq(gridThreshold(ix, s)));
}
