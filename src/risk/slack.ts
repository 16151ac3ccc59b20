import { assert } from '../errors/result.js';
import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { attackOnNetwork } from './attackOnNetwork.js';
import { bestAttack, type BestAttackResult } from './bestAttack.js';
import { bestAttackBnb, type BestAttackBnbResult } from './bestAttackBnb.js';
import { cheapestCover } from './cheapestCover.js';
import { evaluateAttack } from './evaluateAttack.js';
import { greedySlack, operatorClimb } from './fastBounds.js';
import { greedyAttack } from './greedyAttack.js';
import { fineGrid } from './gridPolish.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { pause } from './pause.js';
import { polishBudget, polishShareMax } from './polishBudget.js';
import { polishRatio } from './polishRatio.js';
import { lowerFrom, lowerRatio, operatorsOf, ratio, slackBnb, unscale } from './slackBnb.js';
import { serviceSetKey } from './serviceSetKey.js';
import { slackDinkelbachBnb } from './slackDinkelbachBnb.js';
import { slackLadder, type LadderState } from './slackLadder.js';
import { slackCoop } from './slackCoop.js';
import { slackPortfolio } from './slackPortfolio.js';
import { slackProver } from './slackProver.js';
import type { ProofTree } from './milp/proofTree.js';
import type { SlackShare } from './slackShare.js';
import { slackSplit } from './slackSplit.js';
import { slackTolerance, toleranceSMax, toleranceShare } from './slackTolerance.js';
import type { SlackResult } from './slackResult.js';

export type { SlackResult } from './slackResult.js';

/** Dinkelbach iterations allowed (each one strictly lowers the ratio; convergence is superlinear). */
export const dinkelbachRoundsMax = 40;
/** Relative MIP gap of the Dinkelbach search steps (the last step is always solved exactly). */
const searchGap = 1e-3;

/** Nodes of the exact tree tried at each λ before the HiGHS search step (method 'bnb'): see probeAt. */
export const probeNodes = 200;

/**
 * From this many edges on, method 'bnb' polishes each new service set (cheapestCover) and, once that finds nothing, goes
 * to the exact proof without the HiGHS search step. Measured: at 2,000 × 100 (9,100–9,300 edges) the whole-program
 * HiGHS step stalls near γ* while the restricted searches reach it (seed 1: proven in 51 s, was unproven after 300 s);
 * at 500 × 50 (2,300 edges) they cost more than they save (seed 1: 4.2 → 10.1 s) and the HiGHS step is the one that
 * certifies (seed 2: unproven in 60 s without it, 22–28 s with it). 1,000 × 75 has 4,500–4,700 edges.
 */
export const coverPolishEdgesMin = 6000;

/**
 * From this many edges on, and without a node budget, the default is method 'coop' (two threads: a searcher and a
 * prover sharing coalitions; slackCoop). Measured with 60 s each under load 2.5–6 (BENCHMARKS, eighth pass (coop)):
 * 2,000 × 100 (9,100–9,300 edges) seeds 1–10 proven 4 of 10 against 1 of 10 by the one-thread 'bnb' route in the same
 * session; 1,000 × 75 (4,500–4,700 edges) seeds 1–3 proven 3 of 3 in 6.7–12 s; 500 × 50 (2,200–2,300 edges) only 1 of 3
 * where 'bnb' proves 3 of 3. With `nodesMax` the one-thread route stays (deterministic under a node budget; 'coop' is not).
 */
export const coopEdgesMin = 4000;

/** From this many edges on, γ* is searched and proven by our own exact branch and bound (slackBnb). */
export const slackBnbEdgesMin = 150;

export interface SlackOptions {
  readonly timeLimitS?: number;
  readonly nodesMax?: number;
  /** Attacks known to the caller (the best attack, an earlier analysis' weakest coalition): each is re-valued
   *  exactly on this network and the search starts from the lowest ratio among them. */
  readonly hints?: readonly (Attack | null)[];
  /** 'milp': Dinkelbach over HiGHS MILP solves; 'bnb': the same search steps (HiGHS, relative gap) with
   *  each proof step by our branch and bound with exact bounds (bestAttackBnb: certifies on fine grids
   *  too); 'parametric': one branch and bound whose λ falls as coalitions are found (slackBnb).
   *  Default: 'bnb' from `slackBnbEdgesMin` edges on, 'coop' from `coopEdgesMin` edges on without `nodesMax`.
   *  'dinkelbachBnb': every Dinkelbach step (search and proof) by the branch and bound (slackDinkelbachBnb).
   *  'dinkelbachLns': the same with a large-neighbourhood search after each step and a parametric descent in
   *  the proof tree (slackDinkelbachBnb `neighbourhood`).
   *  'portfolio': 'bnb' and 'dinkelbachBnb' raced on two worker threads, the first proof wins (slackPortfolio).
   *  'coop': a searcher ('bnb' search steps) and a prover (one descending exact tree) on two worker threads that
   *  share every coalition they find; an exact step at λ stops or retargets when the other thread has a lower ratio
   *  (slackCoop). */
  readonly method?: 'milp' | 'bnb' | 'parametric' | 'dinkelbachBnb' | 'dinkelbachLns' | 'portfolio' | 'coop';
  /** Method 'bnb': before the steps at a coalition whose service set is new, the restricted searches around it
   *  (polishCover: cheapestCover on the same set, then on all but one of it) replace it when cheaper; once they find
   *  nothing the HiGHS search step is skipped. Default: from `coverPolishEdgesMin` edges on. */
  readonly coverPolish?: boolean;
  /** Method 'bnb' on a thread of 'coop' (slackCoop), with `share`: 'prove' is slackProver (one exact tree at the lowest
   *  ratio known, descending in place); 'search' skips the probe, ends its trees at their first coalition of lower
   *  ratio, and at a settled set under a time limit works on the prover's tree (slackSplit) until the prover's next
   *  coalition. Default: both, as one thread. */
  readonly role?: 'search' | 'prove';
  /** Method 'bnb': proves "nothing better at λ" instead of bestAttackBnb (a warm start records the proof). */
  readonly proveAt?: (lambda: Rational, deadline: number, nodesMax: number | undefined) => Promise<BestAttackBnbResult>;
  /** Methods 'milp' and 'bnb': called with each coalition a Dinkelbach round starts from (a warm start keeps them: a
   *  command that raises γ*'s coalition often makes one of them the new γ*, see warmSlack). */
  readonly onStep?: (attack: Attack) => void;
  /** Method 'bnb' on a thread of the 'coop' method: coalitions found here are published, received ones adopted at
   *  the next round, and the exact steps at λ stop once a received coalition has a lower ratio (slackCoop). */
  readonly share?: SlackShare;
  /** The 'coop' method's prover (role 'prove'): cover rows separated at each node of its tree from the node's LP point
   *  (bestAttackBnb `coverSeparation`). Default false. */
  readonly coverSeparation?: boolean;
  /** Methods 'coop' and its prover (role 'prove'): called with the prover's proof at γ*'s λ when the prover's answer
   *  is the exact one (slackProver `onProof`), for a warm start (warmSlack). Without separated cover rows only. On the
   *  searcher (role 'search'), never called: the regions it closes in the prover's tree go with each batch (slackSplit
   *  `keepProof`), so that the prover's proof holds them. */
  readonly onProof?: (tree: ProofTree, lambda: Rational) => void;
}

/**
 * Slack γ* (SPEC §5) exactly, by Dinkelbach's method over the exact best-attack program: with
 * λ = cost/PfC of the best coalition so far, solve max λ·PfC(A) − cost; a strictly positive answer is a
 * coalition with a smaller ratio; a certified answer ≤ 0 proves λ is the minimum. Under a time limit a tenth of it
 * (at most `toleranceSMax`) is kept for a proof just below the best ratio when the exact one does not close
 * (slackTolerance): the figure then stays unproven with a lower bound about twelve digits tight.
 */
export async function slack(ix: IndexedNetwork, options: SlackOptions = {}): Promise<SlackResult> {
  if (options.method === 'portfolio') return slackPortfolio(ix, options);
  if (options.method === 'coop' || isCoopDefault(ix, options)) return slackCoop(ix, options);
  // a thread of 'coop' is part of a larger search: only the whole answer gets the tolerance proof
  if (options.share !== undefined || options.role !== undefined) return slackInThread(ix, options);
  const end = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const keptS = options.timeLimitS === undefined ? 0 : Math.min(toleranceShare * options.timeLimitS, toleranceSMax);
  const inner = keptS > 0 ? { ...options, timeLimitS: options.timeLimitS! - keptS } : options;
  const r = await slackInThread(ix, inner);
  return slackTolerance(ix, r, { deadline: end, ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}) });
}

/** γ* by one of the one-thread methods (or a thread of 'coop'): what `slack` runs before its tolerance proof. */
async function slackInThread(ix: IndexedNetwork, options: SlackOptions): Promise<SlackResult> {
  const all = new Set(ix.edges.map((_, e) => e));
  const start = evaluateAttack(ix, all, new Set(), Rational.ONE, true);
  if (start.fallen.length === 0) return { gamma: null, attack: null, exact: true, lowerBound: null };
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const attack = startingCoalition(ix, start.attack, options.hints ?? [], deadline);
  const method = options.method ?? (ix.edges.length >= slackBnbEdgesMin ? 'bnb' : 'milp');
  assert(method !== 'portfolio' && method !== 'coop', 'slack dispatches the two-thread methods itself');
  if (method === 'dinkelbachBnb' || method === 'dinkelbachLns')
    return slackDinkelbachBnb(ix, attack, {
      deadline,
      neighbourhood: method === 'dinkelbachLns',
      ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
    });
  if (method === 'bnb' && options.role === 'prove' && options.share)
    return slackProver(ix, attack, {
      deadline,
      share: options.share,
      ...(options.coverSeparation !== undefined ? { coverSeparation: options.coverSeparation } : {}),
      ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
      ...(options.onProof && options.coverSeparation !== true ? { onProof: options.onProof } : {}),
    });
  if (method === 'parametric')
    return slackBnb(ix, attack, { deadline, ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}) });
  const c: RoundContext = {
    ix,
    method,
    options,
    deadline,
    polished: new Map<string, PolishedSet>(),
    polishOn: options.role !== 'prove' && (options.coverPolish ?? ix.edges.length >= coverPolishEdgesMin),
    share: options.share ?? null,
    ladder: { lower: Rational.ZERO },
    ladderFrom: Date.now() + (deadline - Date.now()) * ladderStartShare,
  };
  let current = attack;
  c.share?.publish(current);
  for (let round = 0; round < dinkelbachRoundsMax; round++) {
    // a lower coalition from the other thread of 'coop' replaces ours (its rounds do not count as ours)
    const received = c.share?.better(ratio(current)!) ?? null;
    if (received) {
      current = received;
      round--;
    }
    options.onStep?.(current);
    const step = await dinkelbachRound(c, current);
    if ('done' in step) return step.done;
    if (!(c.share?.better(ratio(step.next)!) ?? null)) c.share?.publish(step.next);
    current = step.next;
  }
  return { gamma: ratio(current)!.sub(Rational.ONE), attack: current, exact: false, lowerBound: null };
}

/** No method, node budget, share, role or proof hook asked for, on a network of `coopEdgesMin` edges or more: where
 *  `slack` runs 'coop' (warmSlack asks, so that a recorded cold search takes the same route as cold). */
export function isCoopDefault(ix: IndexedNetwork, o: SlackOptions): boolean {
  const plain =
    o.method === undefined && o.nodesMax === undefined && o.share === undefined && o.role === undefined && o.proveAt === undefined;
  return plain && o.coverPolish === undefined && ix.edges.length >= coopEdgesMin;
}

/** The lowest ratio among every edge corrupted, the greedy attack, the caller's hints and a local search. */
function startingCoalition(ix: IndexedNetwork, everyEdge: Attack, hints: readonly (Attack | null)[], deadline: number): Attack {
  let attack = everyEdge;
  // the starting coalition's greedy search and local searches get at most a quarter of the time limit
  const g = greedyAttack(ix, Rational.ONE, Date.now() + (deadline - Date.now()) / 8);
  // the operator local searches (no solver) often land on or near the weakest coalition: each
  // Dinkelbach step they save is a whole exact solve (several CPU-seconds from 500 × 50 on)
  const hinted = hints.map((h) => (h ? attackOnNetwork(ix, h) : null));
  const climbed = greedySlack(ix, [g?.attack ?? null], Date.now() + (deadline - Date.now()) / 8).attack;
  for (const a of [g?.attack ?? null, ...hinted, climbed]) attack = lowerRatio(attack, a);
  return attack;
}

/** What one Dinkelbach round of methods 'milp' and 'bnb' reads. */
interface RoundContext {
  readonly ix: IndexedNetwork;
  readonly method: 'milp' | 'bnb';
  readonly options: SlackOptions;
  readonly deadline: number;
  /** What the restricted searches did per service set (polishCover's `done`), by serviceSetKey. */
  readonly polished: Map<string, PolishedSet>;
  readonly polishOn: boolean;
  readonly share: SlackShare | null;
  /** The searcher's proven ratio lower bound (slackLadder), kept across rounds, and when its trees may start. */
  readonly ladder: LadderState;
  readonly ladderFrom: number;
}

/** A round ends with a coalition of lower ratio (the next round's) or with the answer. */
type RoundStep = { readonly next: Attack } | { readonly done: SlackResult };

async function dinkelbachRound(c: RoundContext, attack: Attack): Promise<RoundStep> {
  const { ix, method, options, deadline } = c;
  const lambda = ratio(attack)!;
  if (lambda.isZero()) return { done: { gamma: Rational.of(-1n), attack, exact: true, lowerBound: null } };
  const left = (deadline - Date.now()) / 1000;
  // time limit spent: the coalition so far is real (an upper bound on γ*), nothing is proven below it
  if (left <= 0) return { done: { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: higher(null, c) } };
  // first the fine-grid swaps at the coalition's own ratio (polishRatio), then the restricted searches around its
  // service set (cheapestCover): the steps below leave its top-ups a few ETH above the cheapest, and no proof closes
  // above a better coalition
  const fine = method === 'bnb' ? polishRatio(ix, attack, deadline) : attack;
  if (fine !== attack) return { next: fine };
  const polish =
    method === 'bnb' && c.polishOn
      ? await polishCover(ix, attack, lambda, {
          deadline,
          done: c.polished,
          nodesMax: options.nodesMax,
          ...(c.share?.work ? splitPolish : wholePolish),
        })
      : null;
  if (polish?.attack) return { next: polish.attack };
  // with `proveAt` too (a warm start's recorded cold search): the same steps as without, so a warm start that
  // falls back to it is no slower than cold (the recorder re-proves γ* for its tree when the probe closed)
  // no probe on a thread of 'coop': the prover's tree at the same λ meets what the probe's dives would
  const probe = method === 'bnb' && options.role === undefined ? await probeAt(ix, lambda, deadline, stopAt(c, lambda)) : null;
  // a probe stopped by the other thread's lower coalition: the next round starts from the lower of it and the probe's
  const afterProbe = probe && !probe.exact ? (c.share?.better(lambda) ?? null) : null;
  if (afterProbe)
    return { next: probe?.attack && probe.attack.profit.sign() > 0 ? lowerRatio(afterProbe, unscale(probe.attack, lambda)) : afterProbe };
  if (probe?.exact && !(probe.attack && probe.attack.profit.sign() > 0))
    return { done: { gamma: lambda.sub(Rational.ONE), attack, exact: true, lowerBound: null } };
  // the probe's best-first dives meet a near-maximal coalition (a full Dinkelbach step) in a fraction of a second
  // where the HiGHS search step took seconds (60 × 10: 0.25 s against 3.8 s): it is the step, no search step
  if (probe?.attack && probe.attack.profit.sign() > 0)
    return { next: climbFrom(ix, lowerRatio(attack, unscale(probe.attack, lambda)), deadline) };
  const r = await searchOrProve(c, attack, lambda, polish?.settled === true, left);
  // a proof stopped by the other thread's lower coalition: the next round starts from it
  const received = c.share?.better(lambda) ?? null;
  if (received && !r.exact) return { next: received };
  // the attack's revenue is scaled by λ: its real ratio is cost / (revenue/λ) < λ; a climb from the solver's
  // coalition is cheap and may skip a step
  if (r.attack && r.attack.profit.sign() > 0) return { next: climbFrom(ix, unscale(r.attack, lambda), deadline) };
  if (r.exact) return { done: { gamma: lambda.sub(Rational.ONE), attack, exact: true, lowerBound: null } };
  // a settled set whose proof was cut short: a local optimum of the restricted searches, where the whole-program
  // HiGHS step (skipped above) moves on (2,000 × 100 seeds 5 and 9 ended with worse bounds without it)
  const nodes = options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {};
  const late =
    polish?.settled && Date.now() < deadline
      ? await bestAttack(ix, { ...nodes, pfcScale: lambda, timeLimitS: (deadline - Date.now()) / 1000, relGap: searchGap })
      : null;
  if (late?.attack && late.attack.profit.sign() > 0) return { next: unscale(late.attack, lambda) };
  // max_A λ·PfC(A) − cost ≤ U ⇒ cost ≥ λ·PfC − U for all A; no general ratio bound without PfC range
  return {
    done: { gamma: lambda.sub(Rational.ONE), attack, exact: false, lowerBound: higher(lowerFrom(ix, lambda, r.profitUpperBound), c) },
  };
}

/** The higher of a proven lower bound on γ* and the ladder's (its ratio bound − 1; nothing while it is 0). */
function higher(lower: Rational | null, c: RoundContext): Rational | null {
  const ladder = c.ladder.lower.sign() > 0 ? c.ladder.lower.sub(Rational.ONE) : null;
  if (lower === null || ladder === null) return lower ?? ladder;
  return lower.max(ladder);
}

/** The coalition or, if lower, the operator local search's from its operators (an eighth of the time left). */
function climbFrom(ix: IndexedNetwork, attack: Attack, deadline: number): Attack {
  return lowerRatio(attack, operatorClimb(ix, 'ratio', operatorsOf(ix, attack), new Set(), Date.now() + (deadline - Date.now()) / 8));
}

/**
 * The round's search step (HiGHS at a relative gap: any coalition with a smaller ratio will do), then, unless it
 * found one or proved "nothing better", the exact proof step at λ.
 */
async function searchOrProve(
  c: RoundContext,
  attack: Attack,
  lambda: Rational,
  settled: boolean,
  left: number,
): Promise<BestAttackResult | BestAttackBnbResult> {
  const { ix, options, deadline } = c;
  const nodes = options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {};
  // both restricted searches around this set found nothing (settled): no HiGHS step, the exact proof next (it meets
  // a better coalition too, if there is one): at 2,000 × 100 seed 1 the step found nothing in 16 s at the weakest
  // coalition, and its proof needs 20 s
  const quick =
    settled || options.role === 'prove'
      ? null
      : await bestAttack(ix, {
          ...nodes,
          pfcScale: lambda,
          timeLimitS: Math.max(Math.min(left / 2, stepSMax(ix)), 0.01),
          relGap: searchGap,
        });
  // a search step that already proved "nothing better" (infeasible above the floor) is the proof step
  if (quick && ((quick.attack && quick.attack.profit.sign() > 0) || quick.exact)) return quick;
  if (c.method !== 'bnb') return bestAttack(ix, { ...nodes, pfcScale: lambda, timeLimitS: Math.max((deadline - Date.now()) / 1000, 0.01) });
  if (options.proveAt) return options.proveAt(lambda, deadline, options.nodesMax);
  const cutShort = settled && options.role !== 'search' && c.polished.get(serviceSetKey(attack.services))?.optimal !== true;
  // the searcher at a settled set under a time limit: the prover thread's tree runs at this λ, a second whole tree here
  // would repeat its work; it closes the prover's open nodes instead until the prover's next coalition (slackSplit)
  if (options.role === 'search' && settled && c.share && Number.isFinite(deadline)) return ladderThenWait(c, c.share, lambda);
  const shared = stopAt(c, lambda);
  // the searcher's tree (the prover thread proves): best-first between dives, and it ends at its first coalition of
  // lower ratio, which is the step (2,000 × 100 seed 2: one was found at once and returned 20 s later, at the proof's end)
  let found = false;
  const search = options.role === 'search' ? { bestBound: true, descend: () => ((found = true), null) } : {};
  const stop = shared ? () => found || shared() : null;
  return bestAttackBnb(ix, {
    ...nodes,
    ...search,
    pfcScale: lambda,
    deadline: proofEnd(deadline, cutShort),
    incumbent: null,
    ...(stop ? { stop } : {}),
  });
}

/**
 * The searcher of 'coop' at a settled set, until the prover publishes a lower coalition: first it closes open nodes of
 * the prover's tree (slackSplit), then, from `ladderStartShare` of the time limit, it proves lower bounds on γ* by exact
 * trees below λ (slackLadder); a coalition met by either is the round's step (returned at scale λ, as the round reads
 * its steps); then it waits for the share.
 */
async function ladderThenWait(c: RoundContext, share: SlackShare, lambda: Rational): Promise<BestAttackBnbResult> {
  // until the ladder's time, two cores on the prover's proof: the searcher closes open nodes of its tree (slackSplit)
  const split =
    share.work && Date.now() < c.ladderFrom
      ? await slackSplit(c.ix, share, share.work, lambda, { deadline: c.ladderFrom, ...(c.options.onProof ? { keepProof: true } : {}) })
      : null;
  if (split) return stepAt(split, lambda);
  if (Date.now() < c.ladderFrom) {
    const waited = await awaitShared(share, lambda, c.ladderFrom);
    if (share.better(lambda) !== null || Date.now() >= c.deadline) return waited;
  }
  const found = await slackLadder(c.ix, lambda, c.ladder, { deadline: c.deadline, stop: () => share.better(lambda) !== null });
  if (found) return stepAt(found, lambda);
  return awaitShared(share, lambda, c.deadline);
}

/** A coalition found below λ as the round reads its steps: at scale λ. */
function stepAt(found: Attack, lambda: Rational): BestAttackBnbResult {
  const revenue = found.revenue.mul(lambda);
  const attack = { ...found, revenue, profit: revenue.sub(found.cost) };
  return { attack, exact: false, profitUpperBound: null, nodes: 0, pfcScale: lambda };
}

/**
 * Share of the time limit after which the settled searcher of 'coop' runs the ladder (slackLadder) instead of closing
 * the prover's open nodes (slackSplit). Until then two cores on the prover's proof: a tree at a fixed λ on 2,000 × 100
 * seed 3 took 50.9 s alone and 26.3 s shared (BENCHMARKS, twelfth pass); the ladder's proven lower bounds matter only
 * where γ* stays open at the time limit.
 */
const ladderStartShare = 0.7;

/** The HiGHS search step's time on a fine grid (gridPolish `fineGrid`), else half the time left. */
const fineStepSMax = 3;

/**
 * On a fine grid HiGHS's float tolerance cannot tell a top-up that hits a threshold from one a few grid units over, so
 * its step runs to its time limit there while the exact tree and its polishes find the coalition: the bundled chain's
 * cold analyses #3, #5, #6 took 27.8 / 32.5 / 34.0 s (γ\* unproven on #6) with half the time left, 17.3 / 10.6 /
 * 20.4 s (all proven) with 3 s. On whole-ETH grids the step is kept (a 5 s cap: 500 × 50 seed 2 16.9 → 51.7 s).
 */
function stepSMax(ix: IndexedNetwork): number {
  return fineGrid(ix) ? fineStepSMax : Number.POSITIVE_INFINITY;
}

/** How often a waiting searcher of 'coop' reads its share (ms). */
const sharePollMs = 50;

/** Waits (without CPU) until the share holds a coalition of ratio below λ (the round's step), or the deadline. */
async function awaitShared(share: SlackShare, lambda: Rational, deadline: number): Promise<BestAttackBnbResult> {
  for (;;) {
    const got = share.better(lambda);
    // the round takes the received coalition from the share itself (dinkelbachRound)
    if (got !== null || Date.now() >= deadline) return { attack: null, exact: false, profitUpperBound: null, nodes: 0, pfcScale: lambda };
    await pause(sharePollMs, deadline);
  }
}

/** Share of the time left that the exact proof gets at a settled set (the rest: the HiGHS step, if the proof is cut short). */
const settledProofShare = 0.75;

function proofEnd(deadline: number, settled: boolean): number {
  return settled && Number.isFinite(deadline) ? Date.now() + (deadline - Date.now()) * settledProofShare : deadline;
}

/** The restricted searches done around one service set. */
interface PolishedSet {
  same: boolean;
  swap: boolean;
  /** The set came from an optimal 'swap' search: the proof there gets all the time left, no late HiGHS step
   *  (2,000 × 100 seed 1 under load 5.6: its proof at such a set needs 20–22 s and was cut at its 3/4 share, 20.1 s,
   *  the late step then finding nothing). */
  optimal: boolean;
}

/** The restricted searches around each new service set, and the share of the time left each may take (cheapestCover). */
interface PolishPlan {
  readonly share: number;
  readonly kinds: readonly ('same' | 'swap')[];
}

/** The one-thread route: both neighbourhoods, a quarter of the time left each (the most polishBudget's floor takes, so
 *  the floor never changes this route). */
const wholePolish: PolishPlan = { share: polishShareMax, kinds: ['same', 'swap'] };

/**
 * The 'coop' searcher, which can close the prover's open nodes at a settled set (slackSplit): a search that finds
 * nothing there holds a core the proof could use. The share: 2,000 × 100 seeds 1–10 (twelfth pass, runs of the same
 * code but this share): 0.25 → 0.1 → 0.05 took the median γ* from 31.0 to 27.8 to 21.0 s, 6 of 10 proven each time;
 * with 0.01 the searches found too little (seed 10 unproven, seed 1 37 s). Only 'same': at that share 'swap' (all but
 * one of the services kept, any added: the whole program) ran to its limit, 1.5–3 s, without an answer in every round
 * of a traced seed 3, where 'same' (now on the services' own edges, coverSubnetwork) found a lower ratio in 1–2 s in
 * most rounds; without it seeds 1 and 2 were proven in 10.6 and 11.6 s (with it 19.9–24.4 and 15.8–23.2), the
 * others as before (thirteenth pass). Late in a run the share is raised to a floor (polishBudget): a cover search cut
 * short leaves its set settled a few ETH above its cheapest cover, where no proof closes.
 */
const splitPolish: PolishPlan = { share: 0.05, kinds: ['same'] };

/** What the restricted searches around a coalition's service set gave. */
interface Polish {
  /** A coalition of lower ratio, or null. */
  readonly attack: Attack | null;
  /** The plan's neighbourhoods of the set were searched (now or before, to optimality or to their time share) without
   *  a cheaper coalition. */
  readonly settled: boolean;
}

/**
 * A cheaper coalition near the attack's services: first the cheapest cover of exactly those services, then (in the
 * plan) the best attack at λ that keeps all of them but at most one and may add others; each once per service set
 * (`done`). The
 * Dinkelbach steps (HiGHS at a relative gap, the probe's dives) leave the small operators' top-ups a few ETH above
 * the cheapest, and the proof at such a ratio cannot close, since a better coalition exists (cheapestCover); both
 * restricted programs are far easier for HiGHS than the whole one (2,000 × 100 seed 1: about 2 s and 10–15 s, where
 * the whole program found nothing better in 20 s from the same coalition).
 */
async function polishCover(
  ix: IndexedNetwork,
  attack: Attack,
  lambda: Rational,
  o: {
    readonly deadline: number;
    readonly done: Map<string, PolishedSet>;
    readonly nodesMax: number | undefined;
  } & PolishPlan,
): Promise<Polish> {
  const { deadline, done } = o;
  const entry = (a: Attack): PolishedSet => {
    const k = serviceSetKey(a.services);
    const e = done.get(k) ?? { same: false, swap: false, optimal: false };
    done.set(k, e);
    return e;
  };
  const here = entry(attack);
  for (const services of o.kinds) {
    if (here[services]) continue;
    here[services] = true;
    const end = Date.now() + polishBudget(deadline - Date.now(), o.share);
    // with a node budget (--node-limit) HiGHS gets the same budget in nodes: the same answer on every run and machine
    const r = await cheapestCover(ix, attack, lambda, {
      deadline: end,
      services,
      ...(o.nodesMax !== undefined ? { nodesMax: o.nodesMax } : {}),
    });
    if (!r.attack || !ratio(r.attack)!.lt(lambda)) continue;
    // the best of a whole neighbourhood (HiGHS says optimal): its own neighbourhoods are left to the exact steps
    if (services === 'swap' && r.optimal) Object.assign(entry(r.attack), { same: true, swap: true, optimal: true });
    return { attack: r.attack, settled: false };
  }
  return { attack: null, settled: true };
}

/**
 * A few nodes of the exact tree at λ (best-first between dives) before the HiGHS search step: at the last λ the
 * search step finds nothing and spends half of the time left proving so in floats (generated 60 × 10 seed 1,
 * operator-0046 × 997/1000: 13 s of a 16.6 s γ*), where the exact tree's root often closes at once; and a
 * profitable attack it meets is the step. Depth-first with 32 nodes met only poor coalitions: taking those as the
 * step made more rounds (500 × 50 seed 2: unproven in 60 s against 22 s); best-first with 200 does not.
 */
async function probeAt(ix: IndexedNetwork, lambda: Rational, deadline: number, stop: (() => boolean) | null): Promise<BestAttackBnbResult> {
  return bestAttackBnb(ix, {
    pfcScale: lambda,
    deadline,
    nodesMax: probeNodes,
    incumbent: null,
    bestBound: true,
    // a probe is a short search: the regions the leaf search would close are where its dives, polished, met the
    // weakest coalition (the bundled network after one allocation change: 1 s with them, unproven in 60 s without)
    leafBound: false,
    ...(stop ? { stop } : {}),
  });
}

/** The stop hook of an exact step at λ on a thread of 'coop': the other thread has a coalition of lower ratio. */
function stopAt(c: RoundContext, lambda: Rational): (() => boolean) | null {
  const share = c.share;
  return share ? () => share.better(lambda) !== null : null;
}
