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
