import type { BestAttackOptions, BestAttackResult } from './bestAttack.js';
import type { WarmProofs } from './componentCache.js';
import { fullRestaking } from './fullRestaking.js';
import { bestAttackChosen } from './bestAttackChosen.js';
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
  // the last warm search ended unproven: its proof does not close (bundled incremental chain, a 20-command run: from
  // its ninth command on the replay of the last closed proof spent its whole 21 s share on every command, unproven;
  // the cold route, with its polishes on the fine grid, proved the tenth in 18.6 CPU-s, and from its optimum the
  // warm search without a tree proved the next two in 0.07 CPU-s each)
  if (warm.best?.stale) {
    const cold = await bestAttackChosen(ix, options);
    warm.best = { tree: null, attack: cold.attack, stale: !cold.exact };
    return cold;
  }
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const greedy = warm.best?.tree ? null : (greedyAttack(ix, undefined, Date.now() + (deadline - Date.now()) / 8)?.attack ?? null);
  const r = await warmBestAttack(ix, {
    deadline,
    tree: warm.best?.tree ?? null,
    incumbents: [warm.best?.attack ?? null, greedy],
    grid: fullRestaking(ix),
    ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
  });
  warm.best = r.exact ? { tree: r.tree, attack: r.attack } : { tree: null, attack: r.attack ?? warm.best?.attack ?? null, stale: true };
  return { attack: r.attack, exact: r.exact, profitUpperBound: r.profitUpperBound };
}
