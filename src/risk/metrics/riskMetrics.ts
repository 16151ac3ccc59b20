import type { Figure, Stamp } from './figure.js';

/** Version of the metrics document (docs/metrics.md, docs/metrics.schema.json). Bumped on any change of shape or meaning. */
export const metricsVersion = '1.0.0';

/** Shock sizes ψ of the standard R_ψ figures (SPEC §10: 1 %, 5 %, 10 %). */
export const standardPsis = ['1/100', '5/100', '10/100'] as const;

export interface NetworkMetrics {
  readonly secure: Figure<boolean>;
  /** Best attack profit (the most profitable attack found; bounds: proven upper bound). */
  readonly bestAttackProfit: Figure<string | null>;
  /** Slack γ* (null when no coalition can attack anything). */
  readonly slack: Figure<string | null>;
  /** R_ψ keyed by ψ ("1/100", "5/100", "10/100"). */
  readonly worstLoss: Readonly<Record<string, Figure<string>>>;
  /** Operators failing the per-operator certificate. */
  readonly certificateFailures: Figure<number>;
  readonly totalStake: Figure<string>;
  readonly totalPfc: Figure<string>;
  /** Σ_v (stake_v / total stake)², exact. */
  readonly stakeHhi: Figure<string>;
  /** Fewest operators whose corruption breaks some service (min over services); null with no service. */
  readonly nakamoto: Figure<number | null>;
  /** Mean number of services an operator with stake secures. */
  readonly meanRestakingDegree: Figure<string>;
  /** Deepest LRT nesting (0: no LRT; null for a network read from a file). */
  readonly lrtDepth: Figure<number | null>;
}

export interface ServiceMetrics {
  /** W_s = Σ stake allocated to the service. */
  readonly stake: Figure<string>;
  readonly pfc: Figure<string>;
  /** Cheapest set of its edges reaching α_s·W_s (the service attacked alone). */
  readonly costToCorrupt: Figure<string>;
  /** cost/PfC − 1 (null when PfC = 0). */
  readonly margin: Figure<string | null>;
  /** Fewest operators whose edges reach α_s·W_s (0 when no stake secures it). */
  readonly nakamoto: Figure<number>;
  /** Largest edge / W_s (null when W_s = 0). */
  readonly topOperatorShare: Figure<string | null>;
  /** Stake securing other services lost if this one slashes all stake allocated to it (Byzantine shock, SPEC §5). */
  readonly contagionOut: Figure<string>;
  /** Stake securing this service lost, summed over the Byzantine shocks of each other service. */
  readonly contagionIn: Figure<string>;
}

export interface OperatorMetrics {
  readonly stake: Figure<string>;
  /** Σ of its allocations (edges). */
  readonly allocated: Figure<string>;
  /** Number of services it secures. */
  readonly degree: Figure<number>;
  readonly services: Figure<readonly string[]>;
  /** stake − Σ_s PfC_s·w_vs/(α_s·W_s) (≥ 0 iff it passes the certificate). */
  readonly certificateMargin: Figure<string>;
}

/** Look-through slashable exposure (numeraire) of a vault, an LRT or a staker, per operator and set. */
export interface ExposureMetrics {
  readonly total: Figure<string>;
  /** operator → set → exposure. */
  readonly byOperator: Readonly<Record<string, Readonly<Record<string, Figure<string>>>>>;
}

/**
 * The recommended-allocation figures of a vault or LRT (SPEC §10), alertable like any figure. They are statistics
 * of the seeded scenario sample (exact for that sample, hence `proven`), written as decimal strings.
 */
export interface AllocationFigures {
  /** Share of the budget the recommendation moves. */
  readonly movedShare: Figure<string>;
  readonly moves: Figure<number>;
  readonly feeYieldBefore: Figure<string>;
  readonly feeYieldAfter: Figure<string>;
  readonly cvarBefore: Figure<string>;
  readonly cvarAfter: Figure<string>;
  readonly expectedLossBefore: Figure<string>;
  readonly expectedLossAfter: Figure<string>;
}

export interface RiskMetrics {
  readonly version: typeof metricsVersion;
  readonly at: Stamp;
  readonly network: NetworkMetrics;
  readonly services: Readonly<Record<string, ServiceMetrics>>;
  readonly operators: Readonly<Record<string, OperatorMetrics>>;
  readonly vaults: Readonly<Record<string, ExposureMetrics>>;
  readonly lrts: Readonly<Record<string, ExposureMetrics>>;
  /** Recommended-allocation figures per vault/LRT, once the allocation job has run (absent before). */
  readonly allocations?: Readonly<Record<string, AllocationFigures>>;
}
