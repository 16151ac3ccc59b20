import type { Rational } from '../math/rational.js';

/** An attack (SPEC §5): the services that fall, the operators that corrupt, the edges they corrupt. */
export interface Attack {
  readonly services: readonly string[];
  readonly operators: readonly string[];
  readonly edges: readonly { readonly operator: string; readonly service: string }[];
  /** Σ PfC of the fallen services. */
  readonly revenue: Rational;
  /** Σ over attacking operators of min(stake, Σ corrupted edge amounts). */
  readonly cost: Rational;
  /** revenue − cost. */
  readonly profit: Rational;
}
