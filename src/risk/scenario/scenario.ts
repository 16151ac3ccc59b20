import type { PositionKind } from './positionKind.js';
import type { Network } from '../network.js';
import type { DerivedPositionsSummary } from './ledgerPositions.js';

/** Slash severity: the fraction of the slashed (allocated) stake that a fault removes. */
export type Severity =
  | { readonly kind: 'fixed'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'beta'; readonly alpha: number; readonly beta: number; readonly scale: number };

/** A loading of an entity's latent variable on a common factor (Gaussian copula). */
export interface FactorLoading {
  readonly factor: number;
  readonly loading: number;
}

export interface FactorSpec {
  readonly id: string;
  /** client | cloud | keys | lrt | market | other: documentation only. */
  readonly kind: string;
  /** Bernoulli-mixture factor: probability of the common shock per period; null for Gaussian factors. */
  readonly shockProbability: number | null;
}

/** Membership of an entity in a shock factor: its fault probability when the shock happens. */
export interface ShockMembership {
  readonly factor: number;
  readonly probability: number;
}

export interface EntityFault {
  readonly id: string;
  /** Marginal fault probability per period. */
  readonly faultProbability: number;
  readonly severity: Severity;
  readonly loadings: readonly FactorLoading[];
  /** Bernoulli-mixture (common shock) factors the entity belongs to. */
  readonly shocks: readonly ShockMembership[];
}

export interface ServiceFault extends EntityFault {
  /** Fee paid per period to restakers, as a fraction of the stake allocated to the service. */
  readonly feeRate: number;
}


/**
 * What a position holds: stake delegated to an operator (loses amount · L_o / S_o), stake an
 * operator allocated to one service (loses amount × the fraction of that allocation slashed,
 * scaled by L_o / Σ_s d_os when an elastic operator's slashes exceed its stake), or a share of
 * another position.
 */
export type Holding =
  | { readonly kind: 'operator'; readonly operator: number; readonly amount: number }
  | { readonly kind: 'allocation'; readonly operator: number; readonly service: number; readonly amount: number }
  | { readonly kind: 'position'; readonly position: number; readonly share: number };

export interface Cover {
  readonly position: number;
  readonly deductible: number;
  readonly limit: number;
}

export interface Position {
  readonly id: string;
  readonly kind: PositionKind;
  readonly holdings: readonly Holding[];
  /** Insurance pools: covers written and the capital that pays claims (claims capped by it). */
  readonly covers: readonly Cover[];
  readonly capital: number;
  /** Numeraire value of natively restaked ETH in the position (0 when none): it loads on the base layer. */
  readonly native?: number;
  /**
   * Numeraire value when known from elsewhere (positions derived from a ledger: the staker's,
   * vault's or LRT's value); otherwise Σ amounts + Σ share × held value (+ capital).
   */
  readonly value?: number;
}

/**
 * The base layer: beacon-chain slashing of natively restaked ETH, a Bernoulli-mixture factor every
 * native position loads on. Per period an event (a client bug, a mass correlated slashing) happens
 * with `probability`; given it, each native position is hit with `faultProbability`; besides, each
 * is hit on its own (its validators) with `idiosyncraticProbability`. A hit loses a `severity`
 * fraction of the position's native stake.
 */
export interface BaseLayer {
  readonly probability: number;
  readonly faultProbability: number;
  readonly severity: Severity;
  readonly idiosyncraticProbability: number;
}

export interface SimulationSettings {
  readonly scenarios: number;
  readonly seed: number;
  readonly levels: readonly number[];
  /** P(loss > x · exposure) is reported for each x. */
  readonly lossThresholds: readonly number[];
}

export interface PricingSettings {
  readonly targetReturn: number;
  readonly costOfCapital: number;
  readonly tailLevel: number;
  readonly loading: number;
}

export interface OptimizeSettings {
  readonly budget: number;
  readonly lambda: number;
  readonly level: number;
  readonly scenarios: number;
  readonly mode: 'unique' | 'elastic';
  readonly candidates: number;
  readonly maxPerPair: number;
  readonly maxPerOperator: number;
  readonly maxPerService: number;
  /** Service id → minimum amount of the budget that must secure it. */
  readonly minServiceStake: Readonly<Record<string, number>>;
}

/**
 * A validated scenario (docs/simulate.md): the network plus the fault model, positions and
 * settings. Services and operators are aligned index-for-index with `network`.
 */
export interface Scenario {
  readonly network: Network;
  readonly factors: readonly FactorSpec[];
  readonly services: readonly ServiceFault[];
  readonly operators: readonly EntityFault[];
  readonly positions: readonly Position[];
  /** When the network came from a command log: what was derived from the ledger (src/risk/scenario/ledgerPositions.ts). */
  readonly derivedPositions?: DerivedPositionsSummary;
  /** Present when some position holds native stake (defaults filled in) or the file sets it. */
  readonly baseLayer?: BaseLayer;
  readonly simulation: SimulationSettings;
  readonly pricing: PricingSettings;
  readonly optimize: OptimizeSettings;
}
