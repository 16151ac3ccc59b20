import { assert } from '../../errors/result.js';

/**
 * Splits `amount` by integer `weights` exactly (largest remainder / Hamilton method): each part
 * starts at floor(amount·w/Σw); the units left over (fewer than the number of parts) go one each
 * to the parts with the largest remainders, ties to the earlier target. Σ parts = amount.
 */
export function apportion(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((s, w) => s + w, 0n);
  assert(total > 0n && amount >= 0n && weights.every((w) => w >= 0n), 'apportion: positive weights');
  const parts = weights.map((w) => (amount * w) / total);
  const remainders = weights.map((w, i) => ({ i, r: (amount * w) % total }));
  let left = amount - parts.reduce((s, p) => s + p, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts;
}
