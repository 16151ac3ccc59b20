import type { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';

/** The slack γ* (SPEC §5) with how far it is proven. */
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
