import type { ExactRow } from '../../../src/risk/milp/exactProgram.js';

/** The exact row holds at the 0/1 point x (bigint sums: no rounding in the check the properties rely on). */
export function rowHolds(row: ExactRow, x: Uint8Array): boolean {
  let v = 0n;
  for (let k = 0; k < row.cols.length; k++) v += row.coefs[k]! * BigInt(x[row.cols[k]!]!);
  return (row.lower === null || v >= row.lower) && (row.upper === null || v <= row.upper);
}
