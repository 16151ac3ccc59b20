import type { MessagePort } from 'node:worker_threads';
import type { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import type { ProofTree } from './milp/proofTree.js';

/** The `slack` methods a portfolio races (slackPortfolio), one worker thread each. */
export type PortfolioMethod = 'bnb' | 'dinkelbachBnb';

/** What the portfolio takes of `SlackOptions`. */
export interface PortfolioOptions {
  readonly timeLimitS?: number;
  readonly nodesMax?: number;
  readonly hints?: readonly (Attack | null)[];
  /** `SlackOptions.coverSeparation` (the 'coop' prover's tree). */
  readonly coverSeparation?: boolean;
  /** `SlackOptions.onProof` (the 'coop' prover's proof, when its answer wins). */
  readonly onProof?: (tree: ProofTree, lambda: Rational) => void;
}

/** One slack solve on a worker thread (slackWorker): the network in the file format, one method. */
export interface SlackWorkerJob {
  readonly network: unknown;
  readonly method: PortfolioMethod;
  readonly timeLimitS?: number;
  readonly nodesMax?: number;
  /** Known attacks by their edges (re-valued on the network by `slack`). */
  readonly hints: readonly { readonly edges: readonly { readonly operator: string; readonly service: string }[] }[];
  /** Method 'bnb': the restricted searches around each service set (`SlackOptions.coverPolish`); default: slack's. */
  readonly coverPolish?: boolean;
  /** Method 'bnb' with role 'prove': `SlackOptions.coverSeparation`. */
  readonly coverSeparation?: boolean;
  /** Method 'bnb': `SlackOptions.role` (a thread of 'coop'). */
  readonly role?: 'search' | 'prove';
  /** The 'coop' method (slackCoop): this thread's end of the channel over which coalitions are shared (portShare). */
  readonly port?: MessagePort;
  /** Role 'prove': send the prover's proof at γ*'s λ with an exact answer (`SlackWorkerAnswer.proof`); role 'search':
   *  send the regions closed in the prover's tree with each batch (slackSplit `keepProof`). */
  readonly keepProof?: boolean;
}

/** The worker's answer: the coalition by its edges (the caller re-values it exactly), γ* and bounds as num/den. */
export interface SlackWorkerAnswer {
  readonly gamma: readonly [string, string] | null;
  readonly exact: boolean;
  readonly lowerBound: readonly [string, string] | null;
  readonly edges: readonly { readonly operator: string; readonly service: string }[] | null;
  readonly error?: string;
  /** With `keepProof`: the prover's proof at λ = γ* + 1 of this exact answer (structured-cloned: bigints and typed
   *  arrays). Its regions' bounds are recomputed exactly by any replay (milp/replayProof); that the regions cover every
   *  point, and the bound a leaf search's part states (some from the searcher thread, slackSplit), are the same code's
   *  word, as the prover's "exact" already takes the searcher's closed batches. */
  readonly proof?: ProofTree;
}
