import { Rational } from '../../math/rational.js';

/** Display helpers for risk tables (floats are statistics; never verdicts). */
export function amount(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && abs < 0.01) return x.toExponential(2);
  return x.toLocaleString('en-US', { maximumFractionDigits: abs >= 1000 ? 0 : 2 });
}

export function pct(x: number, digits = 3): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : String(x);
}

/** Left-aligned first column, right-aligned others, two-space gaps. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c] ?? 0) : v.padStart(widths[c] ?? 0))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Fractional digits of an exact figure (γ*, its bounds) shown for a reader; the exact value goes next to it. */
export const exactShownDigits = 8;

/**
 * An exact figure of the JSON ("p/q" or a long decimal string) as a short decimal for a reader,
 * rounded toward zero (Rational.toDecimal); text that is not a number is returned as it is.
 */
export function shortDecimal(exact: string, digits = exactShownDigits): string {
  const ratio = /^(-?[0-9]+)\/([0-9]+)$/.exec(exact);
  if (ratio) return Rational.of(BigInt(ratio[1]!), BigInt(ratio[2]!)).toDecimal(digits);
  const dec = /^(-?[0-9]+)\.([0-9]+)$/.exec(exact);
  if (!dec || dec[2]!.length <= digits) return exact;
  const cut = `${dec[1]}.${dec[2]!.slice(0, digits)}`.replace(/\.?0+$/, '');
  return cut === '-0' ? '0' : cut;
}
