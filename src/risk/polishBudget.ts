import { assert } from '../errors/result.js';

/**
 * The least wall time (ms) a restricted search around a new service set gets (polishCover in slack), whatever its
 * share. Why: at 2,000 × 100 seed 1 the cheapest cover of the weakest coalition's 66 services took HiGHS 0.4–1.6 s
 * alone on one thread and up to 2.4 s in the two-thread route (after about 0.2 s building the program); the coop
 * searcher meets that set 10–14 s into a 25 s run, where its 5 % share is 0.5–0.8 s. Cut short, the search left the
 * set a few ETH above its cheapest cover, the set counted as settled, and the proof at that ratio could not close.
 * Seed 1 with a 25 s limit (twenty-eighth pass, BENCHMARKS): proven in 1 of 6 runs without a floor, 14 of 18 with
 * 1.5 s (the other four ended 1 ETH above the cheapest cover), 8 of 8 with 2.5 s. The cost: at a 60 s limit the
 * cold median over 2,000 × 100 seeds 1–10 may have risen by 0.5–2.5 s.
 */
export const polishFloorMs = 2500;

/** The most of the time left that the floor may take; also the one-thread route's share (wholePolish in slack). */
export const polishShareMax = 0.25;

/**
 * The time (ms) a restricted search gets: `share` of the time left, raised to `polishFloorMs` but never above
 * `polishShareMax` of the time left. With no deadline (Infinity: a node budget decides) it is Infinity.
 */
export function polishBudget(leftMs: number, share: number): number {
  assert(share > 0 && share <= 1, `polish share ${share} outside (0, 1]`);
  if (!(leftMs > 0)) return 0;
  const cap = Math.max(leftMs * share, leftMs * polishShareMax);
  return Math.min(cap, Math.max(leftMs * share, polishFloorMs));
}
