import { Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';

export interface OperatorConditionEntry {
  /** Σ_{s∋v} PfC_s·w_vs / (α_s·W_s). */
  readonly lhs: Rational;
  readonly stake: Rational;
  /** stake − lhs (≥ 0 iff the condition holds for v). */
  readonly margin: Rational;
  readonly holds: boolean;
}

export interface OperatorConditionResult {
  /** Every operator passes and no service with PfC > 0 is left without stake. */
  readonly holds: boolean;
  /** Services with PfC > 0 and no allocated stake: they fall for free, so the condition fails. */
  readonly unbackedServices: readonly string[];
  /** Services with PfC_s > α_s·W_s: worth more than the stake needed to corrupt them. */
  readonly overpricedServices: readonly string[];
  /** `holds` and no overpriced service: then the network is secure (proof below). */
  readonly impliesSecurity: boolean;
  readonly operators: ReadonlyMap<string, OperatorConditionEntry>;
}

/**
 * EigenLayer's per-operator condition (SPEC §5), exact: for every operator v,
 * Σ_{s∋v} PfC_s·w_vs/(α_s·W_s) ≤ stake_v. Under full restaking (w_vs = stake_v) it implies
 * security. With allocations an operator that corrupts edges c_vs pays only min(stake_v, Σ c_vs),
 * so it also needs PfC_s ≤ α_s·W_s for every service (then for each attacker
 * Σ_s PfC_s·c_vs/(α_s·W_s) ≤ min(stake_v, Σ_s c_vs), and summing over attackers bounds the
 * revenue of any attack by its cost): `impliesSecurity`. Without it the condition can hold on an
 * insecure network (stake 10, 1 allocated to a service with PfC 5 and α = 1), as SPEC §5 allows.
 * Failing it proves nothing.
 */
export function operatorCondition(ix: IndexedNetwork): OperatorConditionResult {
  const operators = new Map<string, OperatorConditionEntry>();
  let holds = true;
  // PfC_s/(α_s·W_s) once per service, and each operator's sum kept unreduced until its end: one gcd per operator
  // instead of three per allocation (it was ~15 % of a warm analysis at 200 × 30, where the rest is incremental)
  const factors = new Map<number, Rational>();
  const factor = (s: number): Rational => {
    let f = factors.get(s);
    if (!f) factors.set(s, (f = ix.pfc[s]!.div(ix.alpha[s]!.mul(ix.weight[s]!))));
    return f;
  };
  for (const [v, id] of ix.opIds.entries()) {
    let [num, den] = [0n, 1n];
    for (const e of ix.edgesOfOp[v]!) {
      const { svc, amount } = ix.edges[e]!;
      const f = factor(svc);
      const [n, d] = [f.num * amount.num, f.den * amount.den];
      if (d === den) num += n;
      else [num, den] = [num * d + n * den, den * d];
    }
    const lhs = Rational.of(num, den);
    const stake = ix.stake[v]!;
    const ok = lhs.lte(stake);
    holds &&= ok;
    operators.set(id, { lhs, stake, margin: stake.sub(lhs), holds: ok });
  }
  const unbackedServices = ix.svcIds.filter((_, s) => ix.pfc[s]!.sign() > 0 && ix.weight[s]!.isZero());
  const overpricedServices = ix.svcIds.filter((_, s) => ix.pfc[s]!.gt(ix.alpha[s]!.mul(ix.weight[s]!)));
  const all = holds && unbackedServices.length === 0;
  return { holds: all, unbackedServices, overpricedServices, impliesSecurity: all && overpricedServices.length === 0, operators };
}
