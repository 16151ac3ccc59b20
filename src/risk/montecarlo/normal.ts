/**
 * Standard normal distribution helpers for the copula (statistics only, floats allowed).
 * `normalCdf` is Hart's algorithm 5666 in West's double-precision form (|error| < 1e-14);
 * `normalQuantile` is Acklam's rational approximation refined by one Halley step.
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let c = 0;
  if (z <= 37) {
    const e = Math.exp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      c = (e * n) / d;
    } else {
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      c = e / b / 2.506628274631;
    }
  }
  return x > 0 ? 1 - c : c;
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const pLow = 0.02425;

function k(a: readonly number[], i: number): number {
  return a[i] ?? 0;
}

/** Φ⁻¹(p) for p in (0, 1); ±Infinity at 0 and 1. */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  let x: number;
  if (p < pLow || p > 1 - pLow) {
    const q = Math.sqrt(-2 * Math.log(p < pLow ? p : 1 - p));
    const num = ((((k(C, 0) * q + k(C, 1)) * q + k(C, 2)) * q + k(C, 3)) * q + k(C, 4)) * q + k(C, 5);
    const den = (((k(D, 0) * q + k(D, 1)) * q + k(D, 2)) * q + k(D, 3)) * q + 1;
    x = p < pLow ? num / den : -num / den;
  } else {
    const q = p - 0.5;
    const r = q * q;
    const num = (((((k(A, 0) * r + k(A, 1)) * r + k(A, 2)) * r + k(A, 3)) * r + k(A, 4)) * r + k(A, 5)) * q;
    const den = ((((k(B, 0) * r + k(B, 1)) * r + k(B, 2)) * r + k(B, 3)) * r + k(B, 4)) * r + 1;
    x = num / den;
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Grid of Φ upper bounds for thinning: Φ at grid points −12 + i/64 (the next grid point above x bounds Φ(x)). */
const gridLo = -12;
const gridStep = 64;
/** Number of points of the upper-bound grid. */
export const gridN = 24 * gridStep + 1;
const upperCdf = Float64Array.from({ length: gridN }, (_, i) => normalCdf(gridLo + i / gridStep));
const upperLog1m = Float64Array.from(upperCdf, (p) => (p < 1 ? Math.log1p(-p) : -Infinity));

/**
 * Index into the upper-bound grid for x: upperCdfAt(i) ≥ Φ(x). Returns -1 when x is above the grid
 * (bound 1). Saves the exp/log of an exact Φ per group per scenario; thinning makes it exact again.
 */
export function upperIndex(x: number): number {
  const i = Math.ceil((x - gridLo) * gridStep);
  return i < 0 ? 0 : i >= gridN ? -1 : i;
}
export function upperCdfAt(i: number): number {
  return i < 0 ? 1 : upperCdf[i]!;
}
export function upperLog1mAt(i: number): number {
  return i < 0 ? -Infinity : upperLog1m[i]!;
}
