import { shortfallSorted, quantileSorted } from '../montecarlo/exactStats.js';

export interface AllocationMetrics {
  /** Σ f_j x_j: fee income per period per unit of budget. */
  readonly feeYield: number;
  readonly expectedLoss: number;
  readonly valueAtRisk: number;
  /** CVaR (expected shortfall) of the loss fraction at the problem's level. */
  readonly cvar: number;
  readonly riskAdjustedYield: number;
}

/** Fee yield and loss statistics of weights x on sampled scenario losses (per unit of budget). */
export function evaluateAllocation(
  p: { readonly fee: readonly number[]; readonly losses: readonly (readonly (readonly [number, number])[])[]; readonly level: number },
  x: readonly number[],
): AllocationMetrics {
  const K = p.losses.length;
  const loss = new Float64Array(K);
  let sum = 0;
  p.losses.forEach((l, k) => {
    let v = 0;
    for (const [j, r] of l) v += r * (x[j] ?? 0);
    loss[k] = v;
    sum += v;
  });
  loss.sort();
  const feeYield = p.fee.reduce((s, f, j) => s + f * (x[j] ?? 0), 0);
  const expectedLoss = K > 0 ? sum / K : 0;
  return {
    feeYield,
    expectedLoss,
    valueAtRisk: quantileSorted(loss, p.level),
    cvar: shortfallSorted(loss, p.level),
    riskAdjustedYield: feeYield - expectedLoss,
  };
}
