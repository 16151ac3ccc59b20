import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import type { IndexedNetwork } from './indexNetwork.js';

/** Exact outcome of corrupting a set of edges, with the fallen services and per-operator costs. */
export interface AttackEvaluation {
  readonly attack: Attack;
  /** Indices of the fallen services with positive PfC (the attacked set A). */
  readonly fallen: readonly number[];
  /** Indices of the corrupted edges kept. */
  readonly edges: readonly number[];
}

/**
 * Exact evaluation (SPEC §5): service s falls iff Σ corrupted amounts on s ≥ α_s·W_s, where W_s is
 * taken over the operators not in `removed` (a shock); a service left with no stake falls for free.
 * Only services with PfC > 0 count as attacked. Cost of v = min(stake_v, Σ its corrupted edges), every
 * corrupted edge counted (a worst-case attack may corrupt more than it needs); with `dropIdle`, edges to
 * services that do not fall are dropped first (never lowers the profit). `pfcScale` multiplies PfC
 * (used by the slack's Dinkelbach iterations).
 */
export function evaluateAttack(
  ix: IndexedNetwork,
  corrupted: ReadonlySet<number>,
  removed: ReadonlySet<number> = new Set(),
  pfcScale: Rational = Rational.ONE,
  dropIdle = false,
): AttackEvaluation {
  const covered = ix.svcIds.map(() => Rational.ZERO);
  const residual = ix.weight.map((w) => w);
  for (const [e, edge] of ix.edges.entries()) {
    if (removed.has(edge.op)) residual[edge.svc] = residual[edge.svc]!.sub(edge.amount);
    else if (corrupted.has(e)) covered[edge.svc] = covered[edge.svc]!.add(edge.amount);
  }
  const isFallen = ix.svcIds.map((_, s) => ix.pfc[s]!.sign() > 0 && covered[s]!.gte(ix.alpha[s]!.mul(residual[s]!)));
  const fallen = ix.svcIds.map((_, s) => s).filter((s) => isFallen[s]);
  const kept = [...corrupted]
    .filter((e) => !removed.has(ix.edges[e]!.op) && (!dropIdle || isFallen[ix.edges[e]!.svc]))
    .sort((a, b) => a - b);
  return { ...assemble(ix, fallen, kept, pfcScale), fallen, edges: kept };
}

function assemble(ix: IndexedNetwork, fallen: readonly number[], kept: readonly number[], pfcScale: Rational): { attack: Attack } {
  const perOp = new Map<number, Rational>();
  for (const e of kept) {
    const { op, amount } = ix.edges[e]!;
    perOp.set(op, (perOp.get(op) ?? Rational.ZERO).add(amount));
  }
  let cost = Rational.ZERO;
  for (const [op, amount] of perOp) cost = cost.add(amount.min(ix.stake[op]!));
  let revenue = Rational.ZERO;
  for (const s of fallen) revenue = revenue.add(ix.pfc[s]!.mul(pfcScale));
  const operators = [...perOp.keys()].sort((a, b) => a - b).map((v) => ix.opIds[v]!);
  const edges = kept.map((e) => ({ operator: ix.opIds[ix.edges[e]!.op]!, service: ix.svcIds[ix.edges[e]!.svc]! }));
  return {
    attack: { services: fallen.map((s) => ix.svcIds[s]!), operators, edges, revenue, cost, profit: revenue.sub(cost) },
  };
}

/**
 * Exact local improvement for a maximum-profit search: drops an operator's edges (largest cost first)
 * whenever every attacked service still falls without them. Never lowers the profit.
 */
export function pruneAttack(ix: IndexedNetwork, ev: AttackEvaluation, pfcScale: Rational = Rational.ONE): AttackEvaluation {
  let current = ev;
  const ops = [...new Set(current.edges.map((e) => ix.edges[e]!.op))];
  for (const op of ops) {
    const without = new Set(current.edges.filter((e) => ix.edges[e]!.op !== op));
    const trial = evaluateAttack(ix, without, new Set(), pfcScale, true);
    if (trial.fallen.length > 0 && trial.attack.profit.gt(current.attack.profit)) current = trial;
  }
  return current;
}
