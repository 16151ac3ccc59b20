import type { Snapshot } from './state.js';

/** Value of the last snapshot at or before `block` (EigenLayer `upperLookup`), `fallback` if none. */
export function valueAt(history: readonly Snapshot[], block: number, fallback: bigint): bigint {
  let lo = 0;
  let hi = history.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((history[mid] as Snapshot).block <= block) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? fallback : (history[found] as Snapshot).value;
}

/** Records `value` at `block`, replacing an entry already written at the same block. */
export function pushSnapshot(history: Snapshot[], block: number, value: bigint): void {
  const last = history[history.length - 1];
  if (last && last.block === block) last.value = value;
  else history.push({ block, value });
}

/**
 * Adds `delta` to a cumulative history from `block` on (every snapshot at or after it), as if that
 * much more had been recorded at `block`. `block` must have a snapshot already (it is where the
 * amount was first recorded). O(snapshots since `block`).
 */
export function raiseSince(history: Snapshot[], block: number, delta: bigint): void {
  for (let i = history.length - 1; i >= 0 && (history[i] as Snapshot).block >= block; i--) (history[i] as Snapshot).value += delta;
}
