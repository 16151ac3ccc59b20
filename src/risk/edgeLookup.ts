import type { IndexedNetwork } from './indexNetwork.js';

/**
 * The index in `ix` of the edge from an operator to a service (by their ids), or undefined when `ix` has no such edge
 * (a sub-network holds only some of them: coverSubnetwork). One map per call of `edgeLookup`: build it once per network
 * and look up every edge of an attack with it.
 */
export function edgeLookup(ix: IndexedNetwork): (operator: string, service: string) => number | undefined {
  const byKey = new Map(ix.edges.map((e, k) => [`${ix.opIds[e.op]}\u0000${ix.svcIds[e.svc]}`, k] as const));
  return (operator, service) => byKey.get(`${operator}\u0000${service}`);
}
