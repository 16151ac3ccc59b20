import type { IndexedNetwork } from './indexNetwork.js';
import { indexNetwork } from './indexNetwork.js';
import type { Network } from './network.js';

/** The network a cover of some services lives on, and where its edges are in the whole network. */
export interface CoverSubnetwork {
  /** The services, the operators with an edge on one of them (their whole stake), and those edges only. */
  readonly ix: IndexedNetwork;
  /** Edge k of `ix` is edge fullEdge[k] of the whole network. */
  readonly fullEdge: readonly number[];
}

/**
 * The part of the network that decides what it costs to make `services` fall (cheapestCover 'same'): a service falls
 * by the edges on it alone, and an operator pays min(stake, Σ its corrupted edges), so the cheapest set of edges that
 * makes all of them fall is a set of edges on them, and costs the same here as on the whole network. Why: the attack
 * program of the whole network (every edge a column, every service a row) cost HiGHS most of a cover repair (500 × 50:
 * 0.3 of a warm analysis' 0.67 CPU-s) where the cover of one coalition's services touches a fraction of it.
 */
export function coverSubnetwork(ix: IndexedNetwork, services: ReadonlySet<number>): CoverSubnetwork {
  const svcs = [...services].sort((a, b) => a - b);
  const fullEdge = svcs.flatMap((s) => ix.edgesOfSvc[s]!);
  const ops = [...new Set(fullEdge.map((e) => ix.edges[e]!.op))].sort((a, b) => a - b);
  const net: Network = {
    operators: ops.map((v) => ({ id: ix.opIds[v]!, stake: ix.stake[v]! })),
    services: svcs.map((s) => ix.network.services[s]!),
    allocations: fullEdge.map((e) => ({
      operator: ix.opIds[ix.edges[e]!.op]!,
      service: ix.svcIds[ix.edges[e]!.svc]!,
      amount: ix.edges[e]!.amount,
    })),
  };
  const sub = indexNetwork(net);
  // indexNetwork keeps the allocations' order and drops none of them (every edge of ix is positive)
  if (sub.edges.length !== fullEdge.length) throw new Error('assertion failed: coverSubnetwork dropped an edge');
  return { ix: sub, fullEdge };
}
