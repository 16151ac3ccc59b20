import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import { networkUnits, type NetworkUnits } from './networkUnits.js';

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
  // integers in units of 1/lcd (networkUnits), summed over the corrupted edges and the removed operators' edges only:
  // the same exact figures as Rational sums over every edge, without a gcd per addition (the polishes and the trees'
  // roundings evaluate thousands of attacks per search)
  const u = networkUnits(ix);
  const covered = new Map<number, bigint>();
  const residual = new Map<number, bigint>();
  for (const v of removed) for (const e of ix.edgesOfOp[v] ?? []) residual.set(ix.edges[e]!.svc, (residual.get(ix.edges[e]!.svc) ?? u.weight[ix.edges[e]!.svc]!) - u.edge[e]!);
  for (const e of corrupted) {
    const { op, svc } = ix.edges[e]!;
    if (!removed.has(op)) covered.set(svc, (covered.get(svc) ?? 0n) + u.edge[e]!);
  }
  // falls iff covered ≥ α·W: covered·α.den ≥ α.num·W (α.den > 0)
  const falls = (s: number): boolean =>
    ix.pfc[s]!.sign() > 0 && (covered.get(s) ?? 0n) * ix.alpha[s]!.den >= ix.alpha[s]!.num * (residual.get(s) ?? u.weight[s]!);
  const isFallen = ix.svcIds.map((_, s) => falls(s));
  const fallen = ix.svcIds.map((_, s) => s).filter((s) => isFallen[s]);
  const kept = [...corrupted]
    .filter((e) => !removed.has(ix.edges[e]!.op) && (!dropIdle || isFallen[ix.edges[e]!.svc]))
    .sort((a, b) => a - b);
  return { ...assemble(ix, u, fallen, kept, pfcScale), fallen, edges: kept };
}

function assemble(ix: IndexedNetwork, u: NetworkUnits, fallen: readonly number[], kept: readonly number[], pfcScale: Rational): { attack: Attack } {
  const perOp = new Map<number, bigint>();
  for (const e of kept) perOp.set(ix.edges[e]!.op, (perOp.get(ix.edges[e]!.op) ?? 0n) + u.edge[e]!);
  let costUnits = 0n;
  for (const [op, amount] of perOp) costUnits += amount < u.stake[op]! ? amount : u.stake[op]!;
  let pfcUnits = 0n;
  for (const s of fallen) pfcUnits += u.pfc[s]!;
  const cost = Rational.of(costUnits, ix.lcd);
  const revenue = Rational.of(pfcUnits, ix.lcd).mul(pfcScale);
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
