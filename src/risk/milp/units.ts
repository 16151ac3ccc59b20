import { Rational } from '../../math/rational.js';

/** The program's unit makes the objective's natural scale about this many units. */
const scaleUnits = 1_000_000;
/** Float noise assumed on solver objective values and bounds, in units (2e-15 of the scale: a few double roundings). */
const noiseUnits = 2e-9;
/** The exact grid is used for certification when its step is at least this many noise levels. */
const gridNoiseRatio = 20;

export interface SolverUnits {
  /** One program unit, in the network's numeraire. */
  readonly unit: Rational;
  /** Exact objective values are multiples of this (units), or null when the grid is finer than the noise. */
  readonly stepUnits: number | null;
  readonly tolUnits: number;
  readonly toUnits: (r: Rational) => number;
}

/**
 * Program units for an objective bounded by `scale` whose exact values lie on (1/lcd)ℤ: the objective is
 * scaled to about 1e6 units; when the exact grid step is well above float noise the solver's bound
 * certifies optimality on the grid, otherwise near-ties are enumerated (see exactMax).
 */
export function solverUnits(scale: Rational, lcd: bigint): SolverUnits {
  const unit = scale.sign() > 0 ? scale.div(Rational.of(BigInt(scaleUnits))) : Rational.ONE;
  const step = Rational.of(1n, lcd).div(unit).toNumber();
  return {
    unit,
    stepUnits: step >= gridNoiseRatio * noiseUnits ? step : null,
    tolUnits: noiseUnits,
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
