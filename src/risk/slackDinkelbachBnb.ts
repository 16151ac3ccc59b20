import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttackBnb } from './bestAttackBnb.js';
import { operatorClimb } from './fastBounds.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { lowerFrom, lowerRatio, operatorsOf, ratio, unscale } from './slackBnb.js';
import { neighbourhoodSearch } from './slackNeighbourhood.js';
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
  /** After each search step that finds a coalition, a large-neighbourhood search around it (slackNeighbourhood),
   *  and in the proof tree a parametric descent: an attack found there lowers λ to the new separating ratio and
   *  the same tree goes on (its bounds stay valid), instead of a new search step and a new tree. Default false. */
  readonly neighbourhood?: boolean;
  /** With `neighbourhood`: nodes of one search step (default `searchNodesMax`). */
  readonly searchNodesMax?: number;
}

/** Share of the time left that one neighbourhood search may use, and at most this many ms. */
const neighbourhoodShare = 0.25;
const neighbourhoodMsMax = 10_000;
/** With `neighbourhood`: nodes of one search step (then the descending proof takes over; it finds the rest). */
export const searchNodesMax = 1500;

/**
 * Slack γ* by Dinkelbach's method with every step solved by our exact branch and bound (bestAttackBnb,
 * with the services' cover inequalities): with λ = cost/PfC of the best coalition so far, the most
 * profitable attack at λ (max λ·PfC − cost, proven) either has profit > 0 — a coalition of lower ratio,
 * improved by an operator local search, and the next λ — or none has: λ is the minimum ratio, proven
 * exactly. Unlike HiGHS search steps, each step's tree is tightened by the cover rows, and unlike the
 * parametric tree no bound is carried over from a larger λ (where it is weak).
 */
/**
 * λ' = λ − 1/(2·R_max·R) for the incumbent's ratio λ = C/R (C, R its cost and revenue times lcd, integers) and
 * R_max = lcd·Σ positive PfC: every ratio is c/r with integers r ≤ R_max, and c/r ≠ C/R implies
 * |c/r − C/R| ≥ 1/(r·R) ≥ 1/(R_max·R). So no attack has a ratio in [λ', λ): "none below λ'" proves λ is the
 * minimum, and at λ' the incumbent and its ties have profit −R/(2·R_max·R·lcd) < 0 instead of exactly 0, a
 * margin (about R units of the exact objective) far above the float duals' error, so their subtrees prune.
 */
export function separatingRatio(ix: IndexedNetwork, a: Attack): Rational {
  const lcd = Rational.of(ix.lcd);
  // every amount is a multiple of 1/lcd, so these two roundings are exact
  const revenue = a.revenue.mul(lcd).toBigInt('down');
  const cost = a.cost.mul(lcd).toBigInt('down');
  const rMax = ix.pfc
    .reduce((t, p) => (p.sign() > 0 ? t.add(p) : t), Rational.ZERO)
    .mul(lcd)
    .toBigInt('up');
  return Rational.of(cost, revenue).sub(Rational.of(1n, 2n * rMax * revenue));
}

export async function slackDinkelbachBnb(ix: IndexedNetwork, start: Attack, o: SlackDinkelbachBnbOptions): Promise<SlackResult> {
  let attack = start;
  for (let step = 0; step < stepsMax; step++) {
    const lambda = ratio(attack)!;
    if (lambda.isZero()) return { gamma: Rational.of(-1n), attack, exact: true, lowerBound: null };
    if (Date.now() >= o.deadline) return { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: null };
    const search = await bestAttackBnb(ix, {
      pfcScale: lambda,
      deadline: o.deadline,
      incumbent: null,
      bestBound: true,
      stopGap: o.searchGap ?? searchGap,
      // with the descending proof to follow, a search step that finds nothing soon hands over to it
      ...(o.neighbourhood ? { nodesMax: o.searchNodesMax ?? searchNodesMax } : {}),
    });
    const nodes = o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {};
    const found = search.attack && search.attack.profit.sign() > 0;
    // the proof runs just below λ, where no tie with the incumbent is left for float duals to settle
    const below = found || search.exact ? lambda : separatingRatio(ix, attack);
    if (found && o.neighbourhood) {
      attack = lowerRatio(attack, unscale(search.attack!, lambda));
      attack = lowerRatio(attack, operatorClimb(ix, 'ratio', operatorsOf(ix, attack), new Set(), Date.now() + 1000));
      const end = Date.now() + Math.min(neighbourhoodMsMax, (o.deadline - Date.now()) * neighbourhoodShare);
      attack = await neighbourhoodSearch(ix, attack, { deadline: end });
      continue;
    }
    if (!found && !search.exact && o.neighbourhood) return descendingProof(ix, attack, o);
    const r =
      found || search.exact
        ? search
        : await bestAttackBnb(ix, { pfcScale: below, deadline: o.deadline, incumbent: null, bestBound: true, ...nodes });
    if (r.attack && r.attack.profit.sign() > 0) {
      // the attack's revenue is scaled by the step's λ: its real ratio is below it (found, proven best or not)
      attack = lowerRatio(attack, unscale(r.attack, below));
      const climbEnd = Date.now() + Math.min(1000, (o.deadline - Date.now()) / 8);
      attack = lowerRatio(attack, operatorClimb(ix, 'ratio', operatorsOf(ix, attack), new Set(), climbEnd));
      continue;
    }
    if (r.exact) return { gamma: lambda.sub(Rational.ONE), attack, exact: true, lowerBound: null };
    return { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: lowerFrom(ix, below, r.profitUpperBound) };
  }
  return { gamma: ratio(attack)!.sub(Rational.ONE), attack, exact: false, lowerBound: null };
}

/**
 * The proof of `slackDinkelbachBnb` with `neighbourhood`: one best-first tree at the separating ratio λ' of the
 * incumbent (no ratio in [λ', λ)); an attack found with profit > 0 has a ratio below λ' (hence below λ), becomes
 * the incumbent, and the tree goes on at its separating ratio: λ·PfC − cost only falls with λ, so every bound
 * proven so far stays valid (bestAttackBnb `descend`). An exhausted tree proves that nothing has a ratio below
 * the last λ', i.e. the incumbent's ratio is the minimum.
 */
async function descendingProof(ix: IndexedNetwork, start: Attack, o: SlackDinkelbachBnbOptions): Promise<SlackResult> {
  let attack = start;
  const descend = (found: Attack, lambda: Rational): Rational | null => {
    attack = lowerRatio(attack, unscale(found, lambda));
    const climbEnd = Date.now() + Math.min(1000, (o.deadline - Date.now()) / 8);
    attack = lowerRatio(attack, operatorClimb(ix, 'ratio', operatorsOf(ix, attack), new Set(), climbEnd));
    // a coalition that costs nothing has the least possible ratio: nothing left to prove
    return ratio(attack)!.isZero() ? null : separatingRatio(ix, attack);
  };
  const nodes = o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {};
  const first = separatingRatio(ix, attack);
  const r = await bestAttackBnb(ix, { pfcScale: first, deadline: o.deadline, incumbent: null, bestBound: true, descend, ...nodes });
  // an answer the descent did not take (it only happens when λ' stops falling): a lower ratio all the same
  if (r.attack && r.attack.profit.sign() > 0) attack = lowerRatio(attack, unscale(r.attack, r.pfcScale));
  const lambda = ratio(attack)!;
  if (lambda.isZero()) return { gamma: Rational.of(-1n), attack, exact: true, lowerBound: null };
  const proven = r.exact && (r.attack === null || r.attack.profit.sign() <= 0) && separatingRatio(ix, attack).eq(r.pfcScale);
  if (proven) return { gamma: lambda.sub(Rational.ONE), attack, exact: true, lowerBound: null };
  return { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: lowerFrom(ix, r.pfcScale, r.profitUpperBound) };
}
