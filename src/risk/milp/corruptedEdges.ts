import type { IndexedNetwork } from '../indexNetwork.js';
import type { AttackVariables } from './attackProgram.js';

/**
 * The edges an answer of the attack program (attackProgram's column names) corrupts: every edge of an operator with
 * b_v on, and each edge with p_e on; as edges of `ix`, or through `fullEdge` as edges of the whole network when `ix`
 * is a coverSubnetwork.
 */
export function corruptedEdges(
  ix: IndexedNetwork,
  vars: AttackVariables,
  on: (name: string) => boolean,
  fullEdge: readonly number[] | null = null,
): Set<number> {
  const out = new Set<number>();
  const add = (e: number): void => void out.add(fullEdge ? fullEdge[e]! : e);
  for (const v of vars.operators) if (on(`b${v}`)) for (const e of ix.edgesOfOp[v]!) add(e);
  for (const e of vars.paidEdges) if (on(`p${e}`)) add(e);
  return out;
}
