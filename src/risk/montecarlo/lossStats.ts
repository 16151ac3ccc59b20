/** Loss distribution summary of one entity (operator, service, position or the whole network). */
export interface LossStats {
  readonly id: string;
  /** Stake at risk (numeraire): slashable stake, stake securing a service, or position value. */
  readonly exposure: number;
  readonly expectedLoss: number;
  /** expectedLoss / exposure per period. */
  readonly expectedLossRate: number;
  readonly stdDev: number;
  /** Standard error of expectedLoss. */
  readonly stdError: number;
  readonly probabilityOfLoss: number;
  readonly valueAtRisk: readonly { readonly level: number; readonly value: number }[];
  readonly expectedShortfall: readonly { readonly level: number; readonly value: number }[];
  /** P(loss > threshold · exposure). */
  readonly exceedance: readonly { readonly threshold: number; readonly probability: number }[];
  /** true when VaR/ES come from the exact sorted sample; false: from the log-binned histogram. */
  readonly exact: boolean;
}

export interface Histogram {
  readonly edges: readonly number[];
  readonly counts: readonly number[];
}
