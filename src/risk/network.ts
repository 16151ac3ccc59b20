import type { Rational } from '../math/rational.js';

/**
 * The network view (SPEC §5): operators with stake, services with PfC and attack threshold,
 * and edges carrying the stake each operator has allocated (slashable) to each service,
 * all in one numeraire, exact.
 */
export interface NetworkOperator {
  readonly id: string;
  readonly stake: Rational;
}

export interface NetworkService {
  readonly id: string;
  readonly profitFromCorruption: Rational;
  /** α ∈ (0, 1]: the fraction of the service's allocated stake an attack must corrupt. */
  readonly attackThreshold: Rational;
}

export interface NetworkAllocation {
  readonly operator: string;
  readonly service: string;
  readonly amount: Rational;
}

/** Where a network view read from a command log came from: the log's commands and how many failed. */
export interface CommandLogSource {
  readonly commands: number;
  /** Failing commands were skipped (SPEC §4): the network is the state the rest of the log reached. */
  readonly failed: number;
  /** The first failing command (index from 0, as in `run`'s results). */
  readonly firstFailure: { readonly index: number; readonly code: string; readonly message: string } | null;
}

export interface Network {
  readonly operators: readonly NetworkOperator[];
  readonly services: readonly NetworkService[];
  readonly allocations: readonly NetworkAllocation[];
  /** Set when the network was derived from a command log. */
  readonly source?: CommandLogSource;
}
