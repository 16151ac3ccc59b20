import { gcd, Rational } from '../math/rational.js';
import { sumRationals } from '../math/sumRationals.js';
import type { Network } from './network.js';

/** One positive edge of the network, by operator and service index. */
export interface IndexedEdge {
  readonly op: number;
  readonly svc: number;
  readonly amount: Rational;
}

/** Array form of a network for the solvers: indices instead of ids, W_s precomputed, zero edges dropped. */
export interface IndexedNetwork {
  readonly network: Network;
  readonly opIds: readonly string[];
  readonly svcIds: readonly string[];
  readonly stake: readonly Rational[];
  readonly pfc: readonly Rational[];
  readonly alpha: readonly Rational[];
  readonly edges: readonly IndexedEdge[];
  readonly edgesOfOp: readonly (readonly number[])[];
  readonly edgesOfSvc: readonly (readonly number[])[];
  /** W_s = Σ edge amounts on s. */
  readonly weight: readonly Rational[];
  readonly totalStake: Rational;
  readonly totalPfc: Rational;
  /** Least common denominator of every stake, edge amount and PfC: all profits and costs are multiples of 1/lcd. */
  readonly lcd: bigint;
}

const sum = (xs: readonly Rational[]): Rational => sumRationals(xs);

export function indexNetwork(network: Network): IndexedNetwork {
  const opIds = network.operators.map((o) => o.id);
  const svcIds = network.services.map((s) => s.id);
  const opIdx = new Map(opIds.map((id, i) => [id, i] as const));
  const svcIdx = new Map(svcIds.map((id, i) => [id, i] as const));
  const edges: IndexedEdge[] = [];
  const edgesOfOp: number[][] = opIds.map(() => []);
  const edgesOfSvc: number[][] = svcIds.map(() => []);
  for (const a of network.allocations) {
    const op = opIdx.get(a.operator);
    const svc = svcIdx.get(a.service);
    if (op === undefined || svc === undefined) throw new Error(`assertion failed: allocation references unknown id`);
    if (a.amount.sign() <= 0) continue;
    edgesOfOp[op]!.push(edges.length);
    edgesOfSvc[svc]!.push(edges.length);
    edges.push({ op, svc, amount: a.amount });
  }
  const stake = network.operators.map((o) => o.stake);
  const pfc = network.services.map((s) => s.profitFromCorruption);
  const weight = edgesOfSvc.map((es) => sum(es.map((e) => edges[e]!.amount)));
  let lcd = 1n;
  for (const r of [...stake, ...pfc, ...edges.map((e) => e.amount)]) lcd = (lcd / gcd(lcd, r.den)) * r.den;
  return {
    network,
    opIds,
    svcIds,
    stake,
    pfc,
    alpha: network.services.map((s) => s.attackThreshold),
    edges,
    edgesOfOp,
    edgesOfSvc,
    weight,
    totalStake: sum(stake),
    totalPfc: sum(pfc),
    lcd,
  };
}
