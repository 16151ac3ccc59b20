import { branchAndBound, type BnbCandidate } from './branchAndBound.js';
import type { ExactProgram } from './exactProgram.js';

/** Wall time the root's LP may take (ms) past the search it stands in for: one warm-started solve at 2,000 × 100. */
export const rootBoundMsMax = 2000;

/**
 * A proven upper bound on every value of `program` (integer objective units): its root LP relaxation, bounded
 * exactly (branchAndBound's safe bound, one node), and never below the incumbent's value. Why: a search cut short
 * before it visited its open regions (a warm replay's re-opened boxes carry no bound until visited) proves nothing,
 * and the figure then went out with no bound where a cold run of the same budget gives one (the bundled incremental
 * chain, from its ninth command on). Null when not even the root was solved in `rootBoundMsMax`. `timed` false (the
 * caller runs on a node budget alone): no wall-clock cut, so the figure is the same on every run and machine.
 */
export async function rootBound<T>(
  program: ExactProgram,
  priority: readonly number[],
  incumbent: BnbCandidate<T> | null,
  timed: boolean,
): Promise<bigint | null> {
  const r = await branchAndBound<T>({
    program,
    priority,
    decode: () => null,
    floor: 1n,
    incumbent,
    deadline: timed ? Date.now() + rootBoundMsMax : Number.POSITIVE_INFINITY,
    nodesMax: 1,
  });
  if (r.upperBound === null) return null;
  return incumbent && incumbent.value > r.upperBound ? incumbent.value : r.upperBound;
}
