import { Worker } from 'node:worker_threads';
import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { attackOnNetwork } from './attackOnNetwork.js';
import { evaluateAttack } from './evaluateAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { networkJson } from './networkJson.js';
import type { SlackResult } from './slackResult.js';
import type { PortfolioMethod, PortfolioOptions, SlackWorkerAnswer, SlackWorkerJob } from './slackWorkerJob.js';

/**
 * The methods raced, one worker thread each. Measured (BENCHMARKS, issue 14 fourth pass and fifth pass
 * (gsym)): neither dominates — 'bnb' (HiGHS search steps, whose primal heuristics reach the weakest
 * coalition of 1,000 × 75 seed 2 and 500 × 50 seed 2, then the exact proof) proves those where 'dinkelbachBnb'
 * stalls on near-equal coalitions, and 'dinkelbachBnb' proves 1,000 × 75 seed 3 in 15 CPU-s where 'bnb' does
 * not finish in 60 s.
 */
export const portfolioMethods: readonly PortfolioMethod[] = ['bnb', 'dinkelbachBnb'];

const workerUrl = new URL('./slackWorker.js', import.meta.url);
/** Idle workers kept (unref'd) for the next race: a fresh one spends about a second loading the solver. */
export const idleSlackWorkersMax = portfolioMethods.length;
const idle: Worker[] = [];

function takeWorker(): Worker {
  const w = idle.pop() ?? new Worker(workerUrl);
  w.ref();
  return w;
}

/** A worker that answered is kept for the next race; one still solving is stopped. */
function release(w: Worker, answered: boolean): void {
  if (answered && idle.length < idleSlackWorkersMax && !idle.includes(w)) {
    w.unref();
    idle.push(w);
  } else void w.terminate();
}

/**
 * Slack γ* by racing `portfolioMethods` on both cores (worker threads): the first exact answer wins and the other
 * worker is stopped. Nothing is trusted from a worker but its coalition's edges: each is re-valued exactly here
 * (an upper bound on γ*), and a worker's "exact" is taken only when its γ* equals the re-valued ratio − 1. When
 * neither proves by the time limit: the lower ratio of the two coalitions and the higher of the proven lower
 * bounds (both valid).
 */
export async function slackPortfolio(ix: IndexedNetwork, options: PortfolioOptions = {}): Promise<SlackResult> {
  const job = (method: SlackWorkerJob['method']): SlackWorkerJob => ({
    network: networkJson(ix.network),
    method,
    hints: (options.hints ?? []).filter((h): h is Attack => h !== null).map((h) => ({ edges: h.edges })),
    ...(options.timeLimitS !== undefined ? { timeLimitS: options.timeLimitS } : {}),
    ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
  });
  return raceJobs(
    ix,
    portfolioMethods.map((m) => job(m)),
  );
}

/**
 * One job per worker thread (each kept warm between races): the first answer that is exact once re-valued here
 * wins and the other workers are stopped; without one, every answer is combined (`combine`). Jobs may carry a
 * MessagePort (`port`, transferred to its worker).
 */
export async function raceJobs(
  ix: IndexedNetwork,
  jobs: readonly SlackWorkerJob[],
  onProof?: PortfolioOptions['onProof'],
): Promise<SlackResult> {
  const workers = jobs.map(() => takeWorker());
  const answered = workers.map(() => false);
  try {
    const answers = workers.map((w, k) =>
      answerOf(w, jobs[k]!).then((a) => {
        answered[k] = true;
        const r = resultOf(ix, a);
        // the winner's proof only: an exact answer re-valued here, at its λ
        if (r.exact && r.gamma && a.proof) onProof?.(a.proof, r.gamma.add(Rational.ONE));
        return r;
      }),
    );
    return await firstExact(answers);
  } finally {
    for (const [k, w] of workers.entries()) release(w, answered[k]!);
  }
}

/** A worker that died before answering (its `error` event, e.g. out of memory, or its exit), as opposed to an answer. */
export class WorkerCrash extends Error {}

/**
 * The race's answer: the first exact one; otherwise every answer combined (`combine`). A worker that crashed counts as no
 * answer, so the others' still stand (each is valid on its own: its coalition re-valued here, its bounds its own
 * proofs); only when every worker crashed is the first crash thrown. Any other failure is thrown at once.
 */
export async function firstExact(answers: readonly Promise<SlackResult>[]): Promise<SlackResult> {
  const results: SlackResult[] = [];
  let crash: WorkerCrash | null = null;
  const first = await new Promise<SlackResult | null>((resolve, reject) => {
    let left = answers.length;
    const settled = (): void => void (--left === 0 && resolve(null));
    for (const p of answers)
      p.then(
        (r) => {
          results.push(r);
          if (r.exact) resolve(r);
          else settled();
        },
        (e: unknown) => {
          if (!(e instanceof WorkerCrash)) return reject(e);
          crash ??= e;
          settled();
        },
      );
  });
  if (first) return first;
  if (results.length === 0 && crash) throw crash;
  return combine(results);
}

/** The worker's answer to `job`; rejects with WorkerCrash when it dies first. */
export function answerOf(w: Worker, job: SlackWorkerJob): Promise<SlackWorkerAnswer> {
  return new Promise((resolve, reject) => {
    const detach = (): void => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    const onMessage = (a: SlackWorkerAnswer): void => {
      detach();
      if (a.error) reject(new Error(`slack worker: ${a.error}`));
      else resolve(a);
    };
    const onError = (e: Error): void => {
      detach();
      reject(new WorkerCrash(`slack worker: ${e.message}`));
    };
    const onExit = (code: number): void => {
      detach();
      reject(new WorkerCrash(`slack worker exited with code ${code} before answering`));
    };
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage(job, job.port ? [job.port] : []);
  });
}

const rational = (p: readonly [string, string] | null): Rational | null => (p ? Rational.of(BigInt(p[0]), BigInt(p[1])) : null);

/** A worker's answer re-valued on `ix`: its coalition's exact ratio; "exact" only if it states that same γ*. */
function resultOf(ix: IndexedNetwork, a: SlackWorkerAnswer): SlackResult {
  const gamma = rational(a.gamma);
  if (a.edges === null || gamma === null) {
    // "nothing can be attacked" is checked here: corrupting every edge makes nothing with PfC > 0 fall
    if (evaluateAttack(ix, new Set(ix.edges.keys())).fallen.length > 0) throw new Error('slack worker: no coalition, but one exists');
    return { gamma: null, attack: null, exact: true, lowerBound: null };
  }
  const attack = attackOnNetwork(ix, { edges: a.edges });
  if (attack === null || attack.revenue.sign() <= 0) throw new Error('slack worker: its coalition attacks nothing on this network');
  const valued = attack.cost.div(attack.revenue).sub(Rational.ONE);
  const exact = a.exact && valued.eq(gamma);
  const lowerBound = exact ? null : (rational(a.lowerBound) ?? (a.exact ? gamma : null));
  return { gamma: valued, attack, exact, lowerBound };
}

function combine(results: readonly SlackResult[]): SlackResult {
  let best: SlackResult | null = null;
  for (const r of results) if (r.gamma !== null && (best === null || r.gamma.lt(best.gamma!))) best = r;
  if (best === null) return results[0] ?? { gamma: null, attack: null, exact: false, lowerBound: null };
  let lower: Rational | null = null;
  for (const r of results) {
    const lb = r.exact ? r.gamma : r.lowerBound;
    if (lb !== null && (lower === null || lb.gt(lower))) lower = lb;
  }
  if (lower !== null && lower.gte(best.gamma!)) return { gamma: best.gamma, attack: best.attack, exact: true, lowerBound: null };
  return { gamma: best.gamma, attack: best.attack, exact: false, lowerBound: lower };
}
