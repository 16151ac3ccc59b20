import { MessageChannel } from 'node:worker_threads';
import type { Attack } from './attack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { networkJson } from './networkJson.js';
import { raceJobs } from './slackPortfolio.js';
import type { SlackResult } from './slackResult.js';
import type { PortfolioOptions, SlackWorkerJob } from './slackWorkerJob.js';

/** One thread of the 'coop' method: method 'bnb' in a role (`SlackOptions.role`). */
export interface CoopRoute {
  readonly role: 'search' | 'prove';
  /** The restricted searches around each service set (cheapestCover), whatever the network's size. */
  readonly coverPolish: boolean;
}

/**
 * The two threads. The searcher: the 'bnb' route's search steps (restricted searches around each new service set, then
 * the HiGHS step or a best-first tree that ends at its first coalition of lower ratio); at a settled set it closes open
 * nodes of the prover's tree (slackSplit) instead of a second tree at the same λ. The prover (slackProver): one best-first exact
 * tree that descends in place to every coalition it meets or receives. Measured at 2,000 × 100 (BENCHMARKS, eighth pass
 * (coop)): the prover's descents find coalitions the restricted searches then improve (seed 2 ≤ 0.572925, seed 5
 * ≤ 0.651912 in 60 s, against ≤ 0.582673 and ≤ 0.705929 by the one-thread route), and its tree, kept from the higher
 * λ, closes seed 1 at its optimum in 17 s.
 */
export const coopRoutes: readonly CoopRoute[] = [
  { role: 'search', coverPolish: true },
  { role: 'prove', coverPolish: false },
];

/**
 * Slack γ* by two cooperating threads (`coopRoutes`: a searcher and a prover) on two worker threads (the portfolio's
 * warm workers) that share every coalition they find over a MessageChannel: the searcher adopts the prover's coalition
 * at its next round when its ratio is lower and its exact steps at λ stop as soon as the prover has a lower ratio (no
 * proof at a beaten λ can close); the prover's tree is retargeted in place to each lower coalition (slackProver). The first thread whose proof closes wins and the other is stopped. As in the
 * portfolio, coalitions cross as edges only: every coalition is re-valued exactly on the receiving thread's network and
 * the answer on the caller's (raceJobs), and "exact" holds only when a thread's proven γ* equals its coalition's exact
 * ratio − 1 here. The one thing taken on the other thread's word is part of the prover's own proof: boxes of its tree
 * the settled searcher reports closed (slackSplit; the same exact branch and bound in the same process), accepted only
 * when every box handed back is one of the program's and every batch was closed at a ratio no lower than the coalition
 * the prover ends with (slackProverPool). Without a proof: the lower ratio of the two and the higher proven lower bound.
 * Not deterministic, even under `nodesMax`: which coalition a thread adopts at which round depends on the threads'
 * timing (every figure is still exact or an honest bound).
 */
export async function slackCoop(ix: IndexedNetwork, options: PortfolioOptions = {}): Promise<SlackResult> {
  const channel = new MessageChannel();
  const ports = [channel.port1, channel.port2];
  const hints = (options.hints ?? []).filter((h): h is Attack => h !== null).map((h) => ({ edges: h.edges }));
  const network = networkJson(ix.network);
  const jobs = coopRoutes.map((route, k): SlackWorkerJob => ({
    network,
    method: 'bnb',
    hints,
    coverPolish: route.coverPolish,
    role: route.role,
    ...(options.coverSeparation !== undefined && route.role === 'prove' ? { coverSeparation: options.coverSeparation } : {}),
    port: ports[k]!,
    ...(options.onProof && options.coverSeparation !== true ? { keepProof: true } : {}),
    ...(options.timeLimitS !== undefined ? { timeLimitS: options.timeLimitS } : {}),
    ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
  }));
  return raceJobs(ix, jobs, options.onProof);
}
