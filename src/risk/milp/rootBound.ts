import { branchAndBound, type BnbCandidate } from './branchAndBound.js';
import type { ExactProgram } from './exactProgram.js';

/** Wall time the root's LP may take (ms): one solve at 2,000 × 100; and at most this share of a search's time. */
export const rootBoundMsMax = 2000;
export const rootBoundShare = 0.1;

/**
 * A proven upper bound on every value of `program` (integer objective units): its root LP relaxation, bounded
 * exactly (branchAndBound's safe bound, one node), and never below the incumbent's value. Why: a search cut short
 * before it visited its open regions (a warm replay's re-opened boxes carry no bound until visited) proves nothing,
 * and the figure then went out with no bound where a cold run of the same budget gives one (the bundled incremental
 * chain, from its ninth command on). Null when the root was not solved by `deadline` (at most `rootBoundMsMax` from
 * now). An infinite `deadline` (the caller runs on a node budget alone): no wall-clock cut, so the figure is the same on
 * every run and machine. The caller keeps the time for it (warmBestAttack's reserve): it never runs past `deadline`.
 */
export async function rootBound<T>(
  program: ExactProgram,
  priority: readonly number[],
  incumbent: BnbCandidate<T> | null,
  deadline: number,
): Promise<bigint | null> {
  const r = await branchAndBound<T>({
    program,
    priority,
    decode: () => null,
    floor: 1n,
    incumbent,
    deadline: Number.isFinite(deadline) ? Math.min(deadline, Date.now() + rootBoundMsMax) : deadline,
    nodesMax: 1,
  });
  if (r.upperBound === null) return null;
  return incumbent && incumbent.value > r.upperBound ? incumbent.value : r.upperBound;
}
