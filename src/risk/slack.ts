import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttack } from './bestAttack.js';
import { evaluateAttack } from './evaluateAttack.js';
import { greedyAttack } from './greedyAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';

/** Dinkelbach iterations allowed (each one strictly lowers the ratio; convergence is superlinear). */
export const dinkelbachRoundsMax = 40;
/** Relative MIP gap of the Dinkelbach search steps (the last step is always solved exactly). */
const searchGap = 1e-3;

export interface SlackResult {
  /** γ* = min over attacks with PfC(A) > 0 of cost/PfC(A) − 1; null when no attack earns anything. */
  readonly gamma: Rational | null;
  /** An attack achieving the ratio (the weakest coalition). */
  readonly attack: Attack | null;
  /** True when γ* is proven exact; otherwise `gamma` is an upper bound (a real coalition's ratio). */
  readonly exact: boolean;
  /** Proven lower bound on γ* when not exact (null if unknown). */
  readonly lowerBound: Rational | null;
}

function ratio(a: Attack | null | undefined): Rational | null {
  return a && a.revenue.sign() > 0 ? a.cost.div(a.revenue) : null;
}

/**
 * Slack γ* (SPEC §5) exactly, by Dinkelbach's method over the exact best-attack program: with
 * λ = cost/PfC of the best coalition so far, solve max λ·PfC(A) − cost; a strictly positive answer is a
 * coalition with a smaller ratio; a certified answer ≤ 0 proves λ is the minimum.
 */
export async function slack(ix: IndexedNetwork, options: { timeLimitS?: number; nodesMax?: number } = {}): Promise<SlackResult> {
  const all = new Set(ix.edges.map((_, e) => e));
  const start = evaluateAttack(ix, all, new Set(), Rational.ONE, true);
  if (start.fallen.length === 0) return { gamma: null, attack: null, exact: true, lowerBound: null };
  let attack: Attack = start.attack;
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  // the starting coalition's greedy search gets at most a quarter of the time limit
  const g = greedyAttack(ix, Rational.ONE, Date.now() + (deadline - Date.now()) / 4);
  const gr = ratio(g?.attack);
  if (g && gr && gr.lt(ratio(attack)!)) attack = g.attack;
  for (let round = 0; round < dinkelbachRoundsMax; round++) {
    const lambda = ratio(attack)!;
    if (lambda.isZero()) return { gamma: Rational.of(-1n), attack, exact: true, lowerBound: null };
    const left = (deadline - Date.now()) / 1000;
    // time limit spent: the coalition so far is real (an upper bound on γ*), nothing is proven below it
    if (left <= 0) return { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: null };
    // search step: any coalition with a smaller ratio will do (relative gap); proof step: exact
    const nodes = options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {};
    const quick = await bestAttack(ix, { ...nodes, pfcScale: lambda, timeLimitS: Math.max(left / 2, 0.01), relGap: searchGap });
    // a search step that already proved "nothing better" (infeasible above the floor) is the proof step
    const r =
      (quick.attack && quick.attack.profit.sign() > 0) || quick.exact
        ? quick
        : await bestAttack(ix, { ...nodes, pfcScale: lambda, timeLimitS: Math.max((deadline - Date.now()) / 1000, 0.01) });
    const found = r.attack;
    if (found && found.profit.sign() > 0) {
      // the attack's revenue is scaled by λ: its real ratio is cost / (revenue/λ) < λ
      attack = unscale(found, lambda);
      continue;
    }
    if (r.exact) return { gamma: lambda.sub(Rational.ONE), attack, exact: true, lowerBound: null };
    // max_A λ·PfC(A) − cost ≤ U ⇒ cost ≥ λ·PfC − U for all A; no general ratio bound without PfC range
    return { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: lowerFrom(ix, lambda, r.profitUpperBound) };
  }
  return { gamma: ratio(attack)!.sub(Rational.ONE), attack, exact: false, lowerBound: null };
}

function unscale(a: Attack, lambda: Rational): Attack {
  const revenue = a.revenue.div(lambda);
  return { ...a, revenue, profit: revenue.sub(a.cost) };
}

/** From max(λ·PfC(A) − cost) ≤ U: cost/PfC ≥ λ − U/PfC(A) ≥ λ − U/min PfC (when U > 0). */
function lowerFrom(ix: IndexedNetwork, lambda: Rational, upper: Rational | null): Rational | null {
  if (upper === null) return null;
  if (upper.sign() <= 0) return lambda.sub(Rational.ONE);
  const positive = ix.pfc.filter((p) => p.sign() > 0);
  const minPfc = positive.reduce((a, b) => a.min(b), positive[0]!);
  const lb = lambda.sub(upper.div(minPfc.mul(lambda)));
  return lb.max(Rational.ZERO).sub(Rational.ONE);
}
