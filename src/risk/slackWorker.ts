import { parentPort } from 'node:worker_threads';
import { indexNetwork } from './indexNetwork.js';
import type { ProofTree } from './milp/proofTree.js';
import { parseNetwork } from './parseNetwork.js';
import { slack, type SlackOptions } from './slack.js';
import { portShare } from './slackPortShare.js';
import type { SlackWorkerAnswer, SlackWorkerJob } from './slackWorkerJob.js';

async function solve(job: SlackWorkerJob): Promise<SlackWorkerAnswer> {
  try {
    return await solveOn(job);
  } finally {
    job.port?.close();
  }
}

async function solveOn(job: SlackWorkerJob): Promise<SlackWorkerAnswer> {
  const parsed = parseNetwork(job.network);
  if (!parsed.ok) return { gamma: null, exact: false, lowerBound: null, edges: null, error: parsed.error.message };
  const ix = indexNetwork(parsed.value);
  let proof: ProofTree | null = null;
  // a hint only needs its edges: `slack` re-values every hint exactly on this network
  const hints = job.hints.map((h) => ({ ...h, services: [], operators: [] }) as unknown as NonNullable<SlackOptions['hints']>[number]);
  const r = await slack(ix, {
    method: job.method,
    hints,
    ...(job.timeLimitS !== undefined ? { timeLimitS: job.timeLimitS } : {}),
    ...(job.nodesMax !== undefined ? { nodesMax: job.nodesMax } : {}),
    ...(job.coverPolish !== undefined ? { coverPolish: job.coverPolish } : {}),
    ...(job.role !== undefined ? { role: job.role } : {}),
    ...(job.coverSeparation !== undefined ? { coverSeparation: job.coverSeparation } : {}),
    ...(job.port ? { share: portShare(ix, job.port) } : {}),
    ...(job.keepProof ? { onProof: (tree: ProofTree) => void (proof = tree) } : {}),
  });
  const pair = (x: { num: bigint; den: bigint } | null): [string, string] | null => (x ? [x.num.toString(), x.den.toString()] : null);
  const answer = { gamma: pair(r.gamma), exact: r.exact, lowerBound: pair(r.lowerBound), edges: r.attack ? r.attack.edges : null };
  return proof && r.exact ? { ...answer, proof } : answer;
}

// one job per message; the portfolio terminates a worker whose rival finished first
parentPort?.on('message', (job: SlackWorkerJob) => {
  solve(job).then(
    (a) => parentPort?.postMessage(a),
    (e: unknown) => parentPort?.postMessage({ gamma: null, exact: false, lowerBound: null, edges: null, error: String(e) }),
  );
});
