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
  readonly operators: ReadonlyMap<string, OperatorConditionEntry>;
}

/**
 * EigenLayer's per-operator sufficient condition (SPEC §5), exact: for every operator v,
 * Σ_{s∋v} PfC_s·w_vs/(α_s·W_s) ≤ stake_v. If it holds for all operators the network is secure
 * (each coalition's cost covers its share of every service's PfC); failing it proves nothing.
 */
export function operatorCondition(ix: IndexedNetwork): OperatorConditionResult {
  const operators = new Map<string, OperatorConditionEntry>();
  let holds = true;
  for (const [v, id] of ix.opIds.entries()) {
    let lhs = Rational.ZERO;
    for (const e of ix.edgesOfOp[v]!) {
      const { svc, amount } = ix.edges[e]!;
      lhs = lhs.add(ix.pfc[svc]!.mul(amount).div(ix.alpha[svc]!.mul(ix.weight[svc]!)));
    }
    const stake = ix.stake[v]!;
    const ok = lhs.lte(stake);
    holds &&= ok;
    operators.set(id, { lhs, stake, margin: stake.sub(lhs), holds: ok });
  }
  const unbackedServices = ix.svcIds.filter((_, s) => ix.pfc[s]!.sign() > 0 && ix.weight[s]!.isZero());
  return { holds: holds && unbackedServices.length === 0, unbackedServices, operators };
}
