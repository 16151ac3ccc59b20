import type { Attack } from './attack.js';
import { evaluateKnown } from './bestAttackBnb.js';
import { fineGrid, polishSeeds, reachesThreshold } from './gridPolish.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { lowerRatio, ratio, unscale } from './slackBnb.js';

/** Wall time one polish may take (gridPolish stops earlier when its swap rounds stop improving). */
export const polishRatioMsMax = 1500;

/**
 * A coalition polished on the fine grid (gridPolish) at its own ratio λ = cost/PfC, where its profit λ·PfC − cost is
 * exactly 0: any swap that makes the profit positive at λ is a coalition of lower ratio, which is returned (else the
 * coalition itself). Why: the slack's proof trees bound λ·PfC − cost by an LP that tops the tightest threshold up
 * with fractions of operators that cost exactly what they cover; when the last coalition overshoots that threshold by
 * a few grid units (the bundled network after one k/1000 slash: 1.6·10⁻⁴ ETH over Lagrange Committees' threshold) no
 * tree closes, and the trees' own polish only sees attacks of profit > 0 at λ, which the swaps around this coalition
 * are not until polished. Only on a fine grid (gridPolish `fineGrid`). Exact: gridPolish values every accepted swap with evaluateAttack.
 */
export function polishRatio(ix: IndexedNetwork, attack: Attack, deadline: number): Attack {
  const lambda = ratio(attack);
  if (!lambda || lambda.sign() <= 0 || Date.now() >= deadline || !fineGrid(ix)) return attack;
  const ev = evaluateKnown(ix, attack, lambda);
  if (!ev || reachesThreshold(ix, ev)) return attack;
  const end = Math.min(deadline, Date.now() + polishRatioMsMax);
  const out = polishSeeds(ix, ev, lambda, end, (e) => e.attack.profit.sign() > 0 || reachesThreshold(ix, e));
  return out.attack.profit.sign() > 0 ? lowerRatio(attack, unscale(out.attack, lambda)) : attack;
}
