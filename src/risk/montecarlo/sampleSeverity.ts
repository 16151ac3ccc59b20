import type { ScenarioStream } from './stream.js';

/** Severity kinds as stored in the compiled model's typed arrays. */
export const severityKind = { fixed: 0, uniform: 1, beta: 2 } as const;

/**
 * Draws a slash severity (fraction of the slashed stake, in [0, 1]) of kind `kind` with
 * parameters (p1, p2, p3): fixed(value) | uniform(min, max) | beta(alpha, beta) scaled by p3.
 */
export function sampleSeverity(kind: number, p1: number, p2: number, p3: number, s: ScenarioStream): number {
  if (kind === severityKind.fixed) return p1;
  if (kind === severityKind.uniform) return p1 + (p2 - p1) * s.uniform();
  const x = sampleGamma(p1, s);
  const y = sampleGamma(p2, s);
  const v = x + y > 0 ? x / (x + y) : 0;
  return Math.min(1, v * p3);
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shape < 1 via the U^(1/shape) boost. */
export function sampleGamma(shape: number, s: ScenarioStream): number {
  if (shape < 1) return sampleGamma(shape + 1, s) * Math.pow(s.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = 0;
    let v = 0;
    do {
      x = s.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = s.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Mean of a severity distribution (for closed forms and pricing). */
export function severityMean(kind: number, p1: number, p2: number, p3: number): number {
  if (kind === severityKind.fixed) return p1;
  if (kind === severityKind.uniform) return (p1 + p2) / 2;
  return (p1 / (p1 + p2)) * p3;
}
