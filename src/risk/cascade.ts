import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import { bestAttack } from './bestAttack.js';
import { greedyAttack } from './greedyAttack.js';
import { indexNetwork } from './indexNetwork.js';
import type { Network } from './network.js';

/** Most cascade steps simulated (each step removes at least one service, so this is never binding below). */
export const cascadeStepsMax = 1_000;

export interface CascadeStep {
  readonly attack: Attack;
  /** Stake slashed in this step (= the attack's cost). */
  readonly stakeLost: Rational;
  readonly exact: boolean;
}

export interface CascadeResult {
  readonly steps: readonly CascadeStep[];
  readonly stakeLost: Rational;
  /** stakeLost / total stake of the starting network. */
  readonly lossFraction: Rational;
  readonly fallenServices: readonly string[];
  readonly exact: boolean;
}

/**
 * Step-by-step cascade (SPEC §5): repeatedly apply the most profitable attack on the residual network
 * until none is profitable. After a step the fallen services leave the network, each attacker loses
 * its cost (min(stake, corrupted edges)) and its other allocations are clamped to what is left.
 * `heuristic`: each step is the greedy attack instead of the exact best one (no solver; exact: false).
 */
export async function cascade(
  network: Network,
  options: { timeLimitS?: number; nodesMax?: number; heuristic?: boolean } = {},
): Promise<CascadeResult> {
  const total = network.operators.reduce((a, o) => a.add(o.stake), Rational.ZERO);
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const steps: CascadeStep[] = [];
  let current = network;
  let exact = true;
  for (let i = 0; i < cascadeStepsMax; i++) {
    // time limit spent: the steps so far are real, but the cascade may go on (not exact)
    if (i > 0 && Date.now() > deadline) {
      exact = false;
      break;
    }
    const ix = indexNetwork(current);
    const r = options.heuristic
      ? { attack: greedyAttack(ix)?.attack ?? null, exact: false }
      : await bestAttack(ix, {
          ...(options.nodesMax !== undefined ? { nodesMax: options.nodesMax } : {}),
          timeLimitS: Math.max((deadline - Date.now()) / 1000, 0.01),
        });
    exact &&= r.exact;
    if (!r.attack || r.attack.profit.sign() <= 0) break;
    steps.push({ attack: r.attack, stakeLost: r.attack.cost, exact: r.exact });
    current = applyAttack(current, r.attack);
  }
  const stakeLost = steps.reduce((a, s) => a.add(s.stakeLost), Rational.ZERO);
  return {
    steps,
    stakeLost,
    lossFraction: total.sign() > 0 ? stakeLost.div(total) : Rational.ZERO,
    fallenServices: steps.flatMap((s) => s.attack.services),
    exact,
  };
}

/** The residual network after an attack: fallen services removed, attackers slashed, allocations clamped. */
export function applyAttack(network: Network, attack: Attack): Network {
  const fallen = new Set(attack.services);
  const corrupted = new Set(attack.edges.map((e) => `${e.operator}\u0000${e.service}`));
  const raw = new Map<string, Rational>();
  for (const a of network.allocations) {
    if (corrupted.has(`${a.operator}\u0000${a.service}`)) raw.set(a.operator, (raw.get(a.operator) ?? Rational.ZERO).add(a.amount));
  }
  const operators = network.operators.map((o) => ({ id: o.id, stake: o.stake.sub((raw.get(o.id) ?? Rational.ZERO).min(o.stake)) }));
  const stake = new Map(operators.map((o) => [o.id, o.stake] as const));
  const allocations = network.allocations
    .filter((a) => !fallen.has(a.service) && !corrupted.has(`${a.operator}\u0000${a.service}`))
    .map((a) => ({ ...a, amount: a.amount.min(stake.get(a.operator)!) }));
  return { operators, services: network.services.filter((s) => !fallen.has(s.id)), allocations };
}
