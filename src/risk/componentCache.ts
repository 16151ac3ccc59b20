import type { Attack } from './attack.js';
import type { BestAttackResult } from './bestAttack.js';
import type { Network } from './network.js';
import type { SlackResult } from './slackResult.js';
import type { ProofTree } from './milp/proofTree.js';
import type { OperatorConditionMemo } from './operatorCondition.js';

/**
 * Proven per-component figures kept between analyses (warm start after a command): a command
 * changes the components it touches, and every other component keeps its exact best attack and
 * slack, found again here by content. Only exact results are kept (bounds depend on the budget).
 * A component's key is its whole content, so a hit is the cold solve's answer for the same input.
 */
export interface ComponentCache {
  readonly best: Map<string, BestAttackResult>;
  readonly slack: Map<string, SlackResult>;
  /** The weakest coalitions found lately, newest first (at most `slackAttacksMax`): after a command that
   *  changes a component, they are re-valued on the new network as the slack search's starting points
   *  (a hint changes how fast γ* is proven, never its value). */
  readonly slackAttacks: Attack[];
  hits: number;
  misses: number;
  /** Finished proofs kept for warm starts (warmProofs.ts), by the ids of a network's operators and
   *  services (a command changing amounts keeps them): at most `warmEntriesMax`. */
  readonly proofs?: Map<string, WarmProofs>;
}

/** The last proven answers of one network and their proofs (milp/replayProof), each re-checked when used. */
export interface WarmProofs {
  /** `stale`: the last warm search of the best attack ended unproven, so its kept proof does not close here and the
   *  next command takes the cold route (bestAttackWarm). */
  best?: { readonly tree: ProofTree | null; readonly attack: Attack | null; readonly stale?: boolean };
  /** `coldCpuMs`: CPU time (process.cpuUsage) of the last cold (recorded) γ* search of this network, which bounds the
   *  next replay's share (CPU, not wall time: under load a wall-time share cut replays that would have closed). */
  slack?: {
    readonly tree: ProofTree | null;
    readonly attack: Attack;
    readonly coldCpuMs?: number;
    /** Coalitions the last cold γ* search started its Dinkelbach rounds from (at most `runnersUpMax`, newest first):
     *  after a command that raises γ*'s coalition, one of them is often the new γ* (warmSlack re-values them). */
    readonly runnersUp?: readonly Attack[];
  };
  worst?: { readonly tree: ProofTree | null; readonly shock: readonly string[]; readonly attack: Attack | null };
  /** The last analysis of this network proved it secure (analyzeNetwork then proves γ* first: γ* ≥ 0 proves it again). */
  secure?: boolean;
  /** The per-operator condition's entries of the last analysis, with what each was computed from (re-used when equal). */
  condition?: OperatorConditionMemo;
}

/** Runner-up coalitions kept per network (WarmProofs.slack.runnersUp). */
export const runnersUpMax = 8;

/** Networks (by operator and service ids) whose proofs are kept; beyond it the map starts afresh. */
export const warmEntriesMax = 64;

/** Entries kept per map; beyond it the cache starts afresh (a bound, not an eviction policy). */
export const componentCacheEntriesMax = 10_000;

/** Weakest coalitions kept as hints. */
export const slackAttacksMax = 8;

export function newComponentCache(): ComponentCache {
  return { best: new Map(), slack: new Map(), slackAttacks: [], hits: 0, misses: 0, proofs: new Map() };
}

/** Keeps `attack` as a hint for later slack searches (newest first, bounded). */
export function rememberSlackAttack(cache: ComponentCache | undefined, attack: Attack | null): void {
  if (!cache || !attack) return;
  cache.slackAttacks.unshift(attack);
  cache.slackAttacks.splice(slackAttacksMax);
}

/** Canonical content of a component: operators, services and allocations with exact numbers, in order. */
export function componentKey(net: Network): string {
  const ops = net.operators.map((o) => `${o.id}=${o.stake.toString()}`);
  const svcs = net.services.map((s) => `${s.id}=${s.profitFromCorruption.toString()}@${s.attackThreshold.toString()}`);
  const edges = net.allocations.map((a) => `${a.operator}>${a.service}=${a.amount.toString()}`);
  return JSON.stringify([ops, svcs, edges]);
}

/** Cached exact result for `key`, or the result of `solve` (kept when exact). */
export async function cachedSolve<T extends { readonly exact: boolean }>(
  cache: ComponentCache | undefined,
  map: (c: ComponentCache) => Map<string, T>,
  key: () => string,
  solve: () => Promise<T>,
): Promise<T> {
  if (!cache) return solve();
  const k = key();
  const hit = map(cache).get(k);
  if (hit) {
    cache.hits++;
    return hit;
  }
  cache.misses++;
  const r = await solve();
  if (r.exact) {
    if (map(cache).size >= componentCacheEntriesMax) map(cache).clear();
    map(cache).set(k, r);
  }
  return r;
}
