/** Three-way comparison of bigints for `Array.prototype.sort` (−1, 0, 1): ascending. Exact; no conversion to number. */
export function compareBigint(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
