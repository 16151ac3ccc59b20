import type { Rational } from '../math/rational.js';
import type { IndexedNetwork } from './indexNetwork.js';

export interface ThresholdService {
  readonly pfc: Rational;
  /** α_s·W_s: every attack on s corrupts at least this much on s, and so costs at least this much. */
  readonly need: Rational;
}

/** The services with PfC > 0 with their thresholds, lowest threshold first (the closed-form bounds' order). */
export function servicesByThreshold(ix: IndexedNetwork): ThresholdService[] {
  return ix.svcIds
    .map((_, s) => ({ pfc: ix.pfc[s]!, need: ix.alpha[s]!.mul(ix.weight[s]!) }))
    .filter((s) => s.pfc.sign() > 0)
    .sort((a, b) => a.need.cmp(b.need));
}
