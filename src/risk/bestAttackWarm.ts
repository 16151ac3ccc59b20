import type { BestAttackOptions, BestAttackResult } from './bestAttack.js';
import type { WarmProofs } from './componentCache.js';
import { fullRestaking } from './fullRestaking.js';
import { greedyAttack } from './greedyAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { warmBestAttack } from './warmBestAttack.js';

/**
 * The most profitable attack (profit > 0) with a warm start (issue 14, incremental): the optimum before
 * the command, re-valued here, and the greedy attack are the incumbents, and the kept proof is replayed
 * (milp/replayProof); the new proof is kept for the next command. Same exact answer as `bestAttack`.
 */
export async function bestAttackWarm(
  ix: IndexedNetwork,
  options: Pick<BestAttackOptions, 'timeLimitS' | 'nodesMax'>,
  warm: WarmProofs,
): Promise<BestAttackResult> {
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const greedy = warm.best?.tree ? null : (greedyAttack(ix, undefined, Date.now() + (deadline - Date.now()) / 8)?.attack ?? null);
  const r = await warmBestAttack(ix, {
    deadline,
    tree: warm.best?.tree ?? null,
    incumbents: [warm.best?.attack ?? null, greedy],
    grid: fullRestaking(ix),
    ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
  });
  if (r.exact) warm.best = { tree: r.tree, attack: r.attack };
  return { attack: r.attack, exact: r.exact, profitUpperBound: r.profitUpperBound };
}
