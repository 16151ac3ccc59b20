import type { IndexedNetwork } from './indexNetwork.js';

/**
 * Every allocation is its operator's whole stake (full restaking), and there is at least one: an attack is then
 * a set of operators costing the sum of their stakes, and one parametric branch and bound with the
 * combinatorial cover bound (attackCoverBound) proves the slack γ* where Dinkelbach's HiGHS search steps stall.
 */
export function fullRestaking(ix: IndexedNetwork): boolean {
  return ix.edges.length > 0 && ix.edges.every((e) => e.amount.eq(ix.stake[e.op]!));
}
