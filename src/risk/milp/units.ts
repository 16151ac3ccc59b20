import { Rational } from '../../math/rational.js';

/** Exact objective values are multiples of `1/lcd`; when the grid is coarse enough, the solver works on it. */
export const latticeRangeMax = 100_000_000_000n;
/** In float mode, the program's unit makes the objective scale about this many units. */
const floatScaleUnits = 1_000_000;

export interface SolverUnits {
  /** One program unit, in the network's numeraire. */
  readonly unit: Rational;
  readonly stepUnits: number | null;
  readonly tolUnits: number;
  readonly toUnits: (r: Rational) => number;
}

/** Chooses program units for an objective bounded by `scale` whose exact values lie on (1/lcd)ℤ. */
export function solverUnits(scale: Rational, lcd: bigint): SolverUnits {
  const lattice = scale.mul(Rational.of(lcd)).lte(Rational.of(latticeRangeMax));
  const unit = lattice
    ? Rational.of(1n, lcd)
    : scale.sign() > 0
      ? scale.div(Rational.of(BigInt(floatScaleUnits)))
      : Rational.ONE;
  return {
    unit,
    stepUnits: lattice ? 1 : null,
    tolUnits: lattice ? 0.05 : 0.01,
    toUnits: (r: Rational) => r.div(unit).toNumber(),
  };
}

/** Exact rational of a finite float (binary fraction). */
export function floatToRational(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError('floatToRational: not finite');
  let den = 1n;
  let v = x;
  for (let i = 0; i < 1100 && !Number.isInteger(v); i++) {
    v *= 2;
    den *= 2n;
  }
  return Rational.of(BigInt(v), den);
}
