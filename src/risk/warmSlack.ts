import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { attackOnNetwork } from './attackOnNetwork.js';
import type { WarmProofs } from './componentCache.js';
import { evaluateAttack } from './evaluateAttack.js';
import { operatorClimb } from './fastBounds.js';
import type { IndexedNetwork } from './indexNetwork.js';
import type { ProofTree } from './milp/proofTree.js';
import { dinkelbachRoundsMax, slack, type SlackOptions } from './slack.js';
import { lowerFrom, lowerRatio, operatorsOf, ratio, unscale } from './slackBnb.js';
import type { SlackResult } from './slackResult.js';
import { warmBestAttack, type WarmBestAttackResult } from './warmBestAttack.js';

/** CPU time the local search from the kept weakest coalition may take (ms): a warm start is about a second. */
const climbMsMax = 200;
/** The probe after a command sits 1/probeSplit of the way from the old γ*'s ratio to the incumbent's. */
const probeSplit = 1024n;
/** The replay of a kept proof may take this share of the last cold search's wall time (and at least
 *  `replayMsMin`), and at most `replayLimitShare` of the time limit: when it has not proven γ* by then, the cold
 *  search runs from its best coalition, so a warm start costs at most the cold one plus this share (the replays
 *  that closed at 500 × 50 took 4–25 % of the cold search's wall time, load 5: ¼ was too tight under load). */
const replayColdShare = 0.4;
const replayMsMin = 1000;
const replayLimitShare = 0.25;

export interface WarmSlackTuning {
  /** A tighter bound on the replay's wall time (ms); 0 runs the cold search at once (tests of the fallback). */
  readonly replayMsMax?: number;
}

/**
 * γ* with a warm start (issue 14, incremental). Without a kept proof: `slack` (method 'bnb'), its last
 * proof step recorded. With one: the weakest coalition before the command, re-valued here, and the
 * caller's hints start Dinkelbach's search; each step replays the kept proof at the current λ
 * (milp/replayProof) and searches only the regions it no longer closes. The replay has a bounded share of
 * the budget (`replayColdShare`): a proof that no longer closes (500 × 50 seed 1: warm 29.9 CPU-s and γ*
 * unproven where cold proved it in 25) hands its best coalition to the cold search. The figure is the cold
 * one: γ* is the least ratio, proven exactly either way.
 */
export async function warmSlack(
  ix: IndexedNetwork,
  options: SlackOptions,
  warm: WarmProofs,
  tuning: WarmSlackTuning = {},
): Promise<SlackResult> {
  // only the default method keeps and replays proofs; another one asked for (the parametric tree that
  // proves full-restaking networks) runs cold, as it would without a cache
  if (options.method !== undefined && options.method !== 'bnb') return slack(ix, options);
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const kept = warm.slack;
  if (!kept?.tree) return coldRecorded(ix, options, warm, deadline);
  const now = Date.now();
  // only a wall-clock budget is cut by wall time: without one (a node budget, `--node-limit`) the figures must be
  // the same on every run and machine, so the replay then runs to its node budget as before
  const timed = options.timeLimitS !== undefined || tuning.replayMsMax !== undefined;
  const share = Math.max(replayMsMin, replayColdShare * (kept.coldMs ?? Number.POSITIVE_INFINITY));
  const replayEnd = !timed
    ? deadline
    : Math.min(deadline, now + Math.min(share, tuning.replayMsMax ?? share), now + replayLimitShare * (deadline - now));
  const r = await replayed(ix, options, warm, replayEnd);
  if (r.exact || Date.now() >= deadline) return r;
  // the replay did not close in its share: exactly the cold method (probe, HiGHS search steps, bestAttackBnb's
  // proof with its off-grid thresholds and cover rows) from the best coalition the replay met. Not the recorded
  // route (its proof steps are warmBestAttack's, without those rows: 500 × 50 seed 1, after a slash, 23 s where
  // cold took 2.7 s); the old tree stays kept beside the new weakest coalition (a replay re-checks every node)
  const t0 = Date.now();
  const timeLimitS = Math.max((deadline - t0) / 1000, 0.01);
  const hints = [...(options.hints ?? []), r.attack];
  const cold = await slack(ix, { ...options, hints, ...(options.timeLimitS !== undefined ? { timeLimitS } : {}) });
  return keep(warm, kept.tree, cold.attack, cold, Date.now() - t0);
}

/** Dinkelbach's steps, each replaying the kept proof at its λ, until `end`. */
async function replayed(ix: IndexedNetwork, options: SlackOptions, warm: WarmProofs, end: number): Promise<SlackResult> {
  const kept = warm.slack!;
  const all = evaluateAttack(ix, new Set(ix.edges.map((_, e) => e)), new Set(), Rational.ONE, true);
  if (all.fallen.length === 0) return { gamma: null, attack: null, exact: true, lowerBound: null };
  let attack: Attack = all.attack;
  for (const a of [kept.attack, ...(options.hints ?? [])]) attack = lowerRatio(attack, a ? attackOnNetwork(ix, a) : null);
  attack = climb(ix, attack, end);
  let tree: ProofTree | null = kept.tree;
  const step = async (lambda: Rational): Promise<WarmBestAttackResult> => {
    const r = await warmBestAttack(ix, {
      pfcScale: lambda,
      deadline: end,
      tree,
      stopOnFind: true,
      ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
    });
    if (r.tree) tree = r.tree;
    return r;
  };
  // the command raised the old weakest coalition's ratio (or removed it): the new γ* is often a coalition at
  // or just above the old ratio (a tie, or the old one's runner-up), which a step at the incumbent's higher λ
  // finds only after several steps, each re-opening many regions; one probe just above the old ratio
  // re-opens about as few regions as the proof at the old λ and finds any such coalition at once
  const old = ratio(kept.attack);
  const start = ratio(attack)!;
  if (old && old.sign() > 0 && old.lt(start)) {
    const probe = old.add(start.sub(old).div(Rational.of(probeSplit)));
    const r = await step(probe);
    if (r.attack && r.attack.profit.sign() > 0) attack = climb(ix, lowerRatio(attack, unscale(r.attack, probe)), end);
  }
  for (let round = 0; round < dinkelbachRoundsMax; round++) {
    const lambda = ratio(attack)!;
    if (lambda.isZero()) return keep(warm, null, attack, { gamma: Rational.of(-1n), attack, exact: true, lowerBound: null }, kept.coldMs);
    // a better coalition ends the step at once: the kept proof is replayed again at its lower λ, where
    // far fewer regions re-open than at this one
    const r = await step(lambda);
    if (r.attack && r.attack.profit.sign() > 0) {
      attack = climb(ix, lowerRatio(attack, unscale(r.attack, lambda)), end);
      continue;
    }
    const gamma = lambda.sub(Rational.ONE);
    if (r.exact) return keep(warm, tree, attack, { gamma, attack, exact: true, lowerBound: null }, kept.coldMs);
    return { gamma, attack, exact: false, lowerBound: lowerFrom(ix, lambda, r.profitUpperBound) };
  }
  return { gamma: ratio(attack)!.sub(Rational.ONE), attack, exact: false, lowerBound: null };
}

function climb(ix: IndexedNetwork, attack: Attack, deadline: number): Attack {
  const end = Math.min(deadline, Date.now() + climbMsMax);
  return lowerRatio(attack, operatorClimb(ix, 'ratio', operatorsOf(ix, attack), new Set(), end));
}

function keep(warm: WarmProofs, tree: ProofTree | null, attack: Attack | null, r: SlackResult, coldMs: number | undefined): SlackResult {
  if (r.exact && attack) warm.slack = { tree, attack, ...(coldMs !== undefined ? { coldMs } : {}) };
  return r;
}

/** The cold search with its proof steps recorded: the proof at the final λ is kept. */
async function coldRecorded(ix: IndexedNetwork, options: SlackOptions, warm: WarmProofs, deadline: number): Promise<SlackResult> {
  const t0 = Date.now();
  let last: { lambda: Rational; tree: ProofTree | null } | null = null;
  const proveAt = async (lambda: Rational, end: number, nodesMax: number | undefined): Promise<WarmBestAttackResult> => {
    const r = await warmBestAttack(ix, {
      pfcScale: lambda,
      deadline: Math.min(end, deadline),
      tree: null,
      ...(nodesMax !== undefined ? { nodesMax } : {}),
    });
    last = { lambda, tree: r.tree };
    return r;
  };
  const r = await slack(ix, { ...options, method: 'bnb', proveAt });
  const at = last as { lambda: Rational; tree: ProofTree | null } | null;
  const lambda = ratio(r.attack);
  let tree = at && lambda && at.lambda.eq(lambda) ? at.tree : null;
  // HiGHS proved the last step alone: the proof at γ* is recorded for the next command
  if (r.exact && lambda && lambda.sign() > 0 && !tree) tree = (await proveAt(lambda, deadline, options.nodesMax)).tree;
  return keep(warm, tree, r.attack, r, Date.now() - t0);
}
