import type { MessagePort } from 'node:worker_threads';
import type { Attack } from './attack.js';

/** The `slack` methods a portfolio races (slackPortfolio), one worker thread each. */
export type PortfolioMethod = 'bnb' | 'dinkelbachBnb';

/** What the portfolio takes of `SlackOptions`. */
export interface PortfolioOptions {
  readonly timeLimitS?: number;
  readonly nodesMax?: number;
  readonly hints?: readonly (Attack | null)[];
  /** `SlackOptions.coverSeparation` (the 'coop' prover's tree). */
  readonly coverSeparation?: boolean;
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
}

/** The worker's answer: the coalition by its edges (the caller re-values it exactly), γ* and bounds as num/den. */
export interface SlackWorkerAnswer {
  readonly gamma: readonly [string, string] | null;
  readonly exact: boolean;
  readonly lowerBound: readonly [string, string] | null;
  readonly edges: readonly { readonly operator: string; readonly service: string }[] | null;
  readonly error?: string;
}
