import type { IndexedNetwork } from './indexNetwork.js';

/**
 * True when one of operator v's allocations alone reaches its service's threshold (amount ≥ α_s·W_s,
 * exact): the operator can make that service fall by itself. On heavy-tailed networks these are the few
 * largest operators, each in many services (bestAttackBnb's branching order puts them first).
 */
export function pivotalOperator(ix: IndexedNetwork, v: number): boolean {
  return ix.edgesOfOp[v]!.some((e) => {
    const edge = ix.edges[e]!;
    return edge.amount.gte(ix.alpha[edge.svc]!.mul(ix.weight[edge.svc]!));
  });
}
