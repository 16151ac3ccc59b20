import { MessageChannel } from 'node:worker_threads';
import type { Attack } from './attack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { networkJson } from './networkJson.js';
import { raceJobs } from './slackPortfolio.js';
import type { SlackResult } from './slackResult.js';
import type { PortfolioOptions, SlackWorkerJob } from './slackWorkerJob.js';

/** One thread's route of the 'coop' method: method 'bnb' with or without the restricted searches (coverPolish). */
export interface CoopRoute {
  readonly coverPolish: boolean;
  readonly role: 'search' | 'prove' | undefined;
}

/**
 * The two routes, one worker thread each. Both are the 'bnb' route (Dinkelbach rounds: search steps, then the exact
 * proof at λ by bestAttackBnb), diversified where the seventh pass found neither dominates: with the restricted searches
 * around each service set (cheapestCover; the default from 6,000 edges, which reaches 2,000 × 100 seed 1's optimum)
 * and without them (whole-program HiGHS steps at a gap; the default below 6,000 edges, where the polish cost more than
 * it saved and the HiGHS step is what moves on from a local optimum of the restricted searches).
 */
export const coopRoutes: readonly CoopRoute[] = (process.env.COOP_ROUTES ?? 'S,P').split(',').map((r) => ({ coverPolish: r !== 'B', role: r === 'S' ? 'search' : r === 'P' ? 'prove' : undefined }));

/**
 * Slack γ* by two cooperating 'bnb' routes on two worker threads (the portfolio's warm workers) that share every
 * coalition they find over a MessageChannel: a thread adopts the other's coalition at its next round when its ratio is
 * lower, and its exact steps at λ (probe, proof) stop as soon as the other thread has a coalition of ratio below λ (no
 * proof at a beaten λ can close). The first thread whose proof closes wins and the other is stopped. As in the
 * portfolio, nothing from a thread is trusted but edges: every coalition is re-valued exactly on the receiving thread's
 * network and the answer on the caller's (raceJobs), and "exact" holds only when a thread's proven γ* equals its
 * coalition's exact ratio − 1 here. Without a proof: the lower ratio of the two and the higher proven lower bound.
 * Not deterministic, even under `nodesMax`: which coalition a thread adopts at which round depends on the threads'
 * timing (every figure is still exact or an honest bound).
 */
export async function slackCoop(ix: IndexedNetwork, options: PortfolioOptions = {}): Promise<SlackResult> {
  const channel = new MessageChannel();
  const ports = [channel.port1, channel.port2];
  const hints = (options.hints ?? []).filter((h): h is Attack => h !== null).map((h) => ({ edges: h.edges }));
  const network = networkJson(ix.network);
  const jobs = coopRoutes.map(
    (route, k): SlackWorkerJob => ({
      network,
      method: 'bnb',
      hints,
      coverPolish: route.coverPolish,
      ...(route.role ? { role: route.role } : {}),
      port: ports[k]!,
      ...(options.timeLimitS !== undefined ? { timeLimitS: options.timeLimitS } : {}),
      ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
    }),
  );
  return raceJobs(ix, jobs);
}
