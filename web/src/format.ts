// Display formatting. The exact API string always stays on the element (data-value, title), the
// text is a rounded reading of it for people.

/** A decimal string ("123.456", "-1", "2/3") as a JS number, for charts and sorting only. */
export function toNumber(exact: string | null | undefined): number {
  if (exact === null || exact === undefined || exact === '') return Number.NaN;
  const slash = exact.indexOf('/');
  if (slash > 0) return Number(exact.slice(0, slash)) / Number(exact.slice(slash + 1));
  return Number(exact);
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 3 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

/** A readable rendering of an exact number: grouped below 1e6, compact above, 6 significant places. */
export function formatNumber(exact: string | null | undefined): string {
  if (exact === null || exact === undefined) return '—';
  const n = toNumber(exact);
  if (!Number.isFinite(n)) return exact;
  // Base-unit integers of 18-decimal tokens are astronomically large: exponent form reads better.
  if (Math.abs(n) >= 1e12) return n.toExponential(3);
  if (Math.abs(n) >= 1e6) return compact.format(n);
  if (n !== 0 && Math.abs(n) < 1e-4) return n.toExponential(3);
  return plain.format(n);
}

export function formatPercent(exact: string | null | undefined): string {
  const n = toNumber(exact);
  if (!Number.isFinite(n)) return '—';
  return `${(n * 100).toFixed(2)} %`;
}

export function shortHash(h: string | undefined): string {
  return h ? `${h.slice(0, 10)}…${h.slice(-6)}` : '—';
}

/** WAD = 1e18. */
const wad = 1e18;

/** A WAD-based magnitude ("450000000000000000") as the fraction it stands for ("0.45"). */
export function formatWad(exact: string | null | undefined): string {
  if (exact === null || exact === undefined || exact === '') return '—';
  const n = Number(exact) / wad;
  return Number.isFinite(n) ? plain.format(n) : exact;
}
