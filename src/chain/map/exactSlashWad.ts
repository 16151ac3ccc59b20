import { WAD } from '../../math/wad.js';

/** The wads `w` (0 < w ≤ WAD) with mulWadRoundUp(of, w) = taken, as a closed range (empty: lo > hi). */
function wadRange(of: bigint, taken: bigint): { lo: bigint; hi: bigint } {
  if (taken === 0n) return { lo: 1n, hi: of === 0n ? WAD : 0n };
  if (of === 0n || taken > of) return { lo: 1n, hi: 0n };
  // ceil(of·w / WAD) = taken  ⇔  (taken − 1)·WAD < of·w ≤ taken·WAD
  const lo = ((taken - 1n) * WAD) / of + 1n; // smallest w above the lower bound (division down)
  const hi = (taken * WAD) / of; // largest w within the upper bound (division down)
  return { lo, hi: hi > WAD ? WAD : hi };
}

/**
 * A slash as a ledger `slash` command: the wad that makes the ledger take exactly what the
 * contract took. EigenLayer took `mulWadRoundUp(current, w0)` of the allocation and
 * `mulWadRoundUp(|pending decrease|, w0)` of a pending decrease for a slasher's w0 that the events
 * do not carry; `MaxMagnitudeUpdated` gives the first amount and the re-emitted pending
 * `AllocationUpdated` the second. Any w in both ranges reproduces both to the unit; w0 is one,
 * so the ranges meet whenever the ledger's magnitudes equal the contract's. Null if they do not.
 */
export function exactSlashWad(o: { current: bigint; taken: bigint; pending: bigint; pendingTaken: bigint | null }): bigint | null {
  const a = wadRange(o.current, o.taken);
  const b = o.pending > 0n && o.pendingTaken !== null ? wadRange(o.pending, o.pendingTaken) : { lo: 1n, hi: WAD };
  const lo = a.lo > b.lo ? a.lo : b.lo;
  const hi = a.hi < b.hi ? a.hi : b.hi;
  return lo <= hi ? lo : null;
}
