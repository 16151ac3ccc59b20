import { shortfallSorted } from '../montecarlo/exactStats.js';
import type { PricingSettings } from '../scenario/scenario.js';

export interface PremiumQuote {
  readonly expectedClaim: number;
  /** ES of the claim at the tail level. */
  readonly tailClaim: number;
  /** costOfCapital × (tailClaim − expectedClaim). */
  readonly capitalCharge: number;
  /** expectedClaim × (1 + loading) + capitalCharge. */
  readonly premium: number;
  /** premium / limit. */
  readonly rateOnLine: number;
}

/**
 * Premium of a cover paying min(limit, max(0, loss − deductible)) per period, priced on the
 * simulated loss sample: expected claim plus a capital charge on the tail (docs/pricing.md).
 */
export function insurancePremium(losses: Float64Array, deductible: number, limit: number, p: PricingSettings): PremiumQuote {
  const n = losses.length;
  const claims = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const c = Math.min(limit, Math.max(0, losses[i]! - deductible));
    claims[i] = c;
    sum += c;
  }
  const expectedClaim = sum / n;
  const tailClaim = shortfallSorted(claims.sort(), p.tailLevel);
  const capitalCharge = p.costOfCapital * Math.max(0, tailClaim - expectedClaim);
  const premium = expectedClaim * (1 + p.loading) + capitalCharge;
  return { expectedClaim, tailClaim, capitalCharge, premium, rateOnLine: limit > 0 ? premium / limit : 0 };
}
