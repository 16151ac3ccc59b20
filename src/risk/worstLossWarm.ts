import type { Rational } from '../math/rational.js';
import type { WarmProofs } from './componentCache.js';
import type { IndexedNetwork } from './indexNetwork.js';
import type { ProofTree } from './milp/proofTree.js';
import { worstLoss, type WorstLossOptions, type WorstLossResult } from './worstLoss.js';
import { worstStart } from './worstStart.js';
import type { WorstLossWarmStart } from './worstLossBnb.js';

/**
 * R_ψ with a warm start (issue 14, incremental): exactly the cold route (`worstLoss`: its program with the
 * shock-aware cuts, node bound, probing), given the worst shock and attack before the command as its incumbent
 * (re-valued exactly; its shock alone stands in for HiGHS's knapsack) and, when R_ψ closed in the short plain search
 * before probing last time, that search's proof, replayed there (milp/replayProof). The new proof of that search is
 * kept for the next command. Same exact figure as `worstLoss`.
 *
 * Seventh pass: the earlier warm route searched and replayed the program without those cuts; a cold solve closes at
 * once with them (200 × 30: 10–25 ms), while replaying the uncut proof (85 regions) took 15–90 ms, so the warm R_ψ
 * cost more than the cold one on every command of the incremental bench at 200 × 30.
 */
export async function worstLossWarm(
  ix: IndexedNetwork,
  psi: Rational,
  options: WorstLossOptions,
  warm: WarmProofs,
): Promise<WorstLossResult> {
  const kept = warm.worst;
  // the kept proof stays when no plain search ran (the old answer took the whole stake: worstLossBnb ceilingStart)
  let tree: ProofTree | null = kept?.tree ?? null;
  const start: WorstLossWarmStart = {
    start: kept ? worstStart(ix, kept.shock, kept.attack) : null,
    tree: kept?.tree ?? null,
    keep: (t) => {
      tree = t;
    },
  };
  const r = await worstLoss(ix, psi, { ...options, warm: start });
  // an unproven answer (a budget) keeps the proof before it: a later command may still replay it
  if (r.exact) warm.worst = { tree, shock: r.shock, attack: r.attack };
  return r;
}
