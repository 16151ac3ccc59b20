// `npm run bench -- freshness`: only the live-risk freshness rows of the jobs bench (commit → first and
// second `metrics` publish on the 2,000 × 100 network built through the ledger), without its Monte Carlo jobs.
import { liveFreshness } from './liveFreshness.js';
import type { BenchRun } from './types.js';

export const run: BenchRun = () => liveFreshness();
