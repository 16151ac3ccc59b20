import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttackBnb } from './bestAttackBnb.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { unscale } from './slackBnb.js';

/** Nodes of one rung's tree; a rung it does not settle is retried halfway down to the last proven one. */
export const ladderNodesMax = 1500;
/** Rungs are rounded down to multiples of 2^-ladderBits (small denominators keep the exact objective small). */
const ladderBits = 24n;
/** No rung closer to λ than this fraction of it: there only the prover's own proof at λ can settle γ*. */
const ladderGapMin = 1e-7;

/** What the ladder has proven so far: no coalition has a ratio cost/PfC below `lower` (0 proves nothing). */
export interface LadderState {
  lower: Rational;
}

/**
 * Proven lower bounds on γ* while the 'coop' searcher would otherwise wait for the prover (slack.ts): exact trees
 * (bestAttackBnb) at ratios below the coalition's λ, each a rung halfway from the last proven one. A tree that is
 * exhausted at rung t with no attack proves that no coalition has a ratio below t (`state.lower`); one that meets
 * an attack of profit > 0 at t has found a coalition of ratio below t, returned at once; one cut by its node budget
 * is retried halfway down. Why: at 2,000 × 100 the prover's tree at λ ends its 60 s at bounds far below γ* (seed 8:
 * γ* ≥ 0.16 with γ* ≤ 0.60), while a fresh tree at λ = 1.58 proved γ* ≥ 0.58 in 27 s (BENCHMARKS, eleventh pass).
 * Returns null when `stop` holds (e.g. the prover has a lower coalition), at the deadline, or when the next rung
 * would be within `ladderGapMin` of λ.
 */
export async function slackLadder(
  ix: IndexedNetwork,
  lambda: Rational,
  state: LadderState,
  o: { readonly deadline: number; readonly stop: () => boolean },
): Promise<Attack | null> {
  let rung = rungBetween(state.lower, lambda);
  while (rung !== null && !o.stop() && Date.now() < o.deadline) {
    const r = await bestAttackBnb(ix, {
      pfcScale: rung,
      deadline: o.deadline,
      incumbent: null,
      bestBound: true,
      nodesMax: ladderNodesMax,
      stop: o.stop,
    });
    if (r.attack && r.attack.profit.sign() > 0) return unscale(r.attack, rung);
    if (r.exact) {
      state.lower = rung;
      rung = rungBetween(rung, lambda);
    } else rung = rungBetween(state.lower, rung);
  }
  return null;
}

/** The rung halfway from `low` to `high`, rounded down to the ladder's grid, or null when too close to `high`. */
function rungBetween(low: Rational, high: Rational): Rational | null {
  const unit = 1n << ladderBits;
  const mid = low.add(high.sub(low).div(Rational.of(2n)));
  const rounded = Rational.of(mid.mul(Rational.of(unit)).toBigInt('down'), unit);
  const rung = rounded.gt(low) ? rounded : mid;
  return high.sub(rung).lt(high.mul(Rational.of(1n, BigInt(Math.round(1 / ladderGapMin))))) ? null : rung;
}
