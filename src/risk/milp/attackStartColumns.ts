import { Rational } from '../../math/rational.js';
import type { IndexedNetwork } from '../indexNetwork.js';
import type { AttackVariables } from './attackProgram.js';

/**
 * The attack program's columns that corrupt `edges` (edge indices of `ix`), for a MIP start: per operator b_v where
 * its edges reach its whole cost c_v or one of them has no column of its own (`hasColumn`), else p_e for each; and the
 * edges that start corrupts (all of an operator's edges under b_v).
 */
export function attackStartColumns(
  ix: IndexedNetwork,
  vars: AttackVariables,
  edges: Iterable<number>,
  hasColumn: (name: string) => boolean,
): { readonly names: string[]; readonly corrupted: Set<number> } {
  const byOp = new Map<number, number[]>();
  for (const k of edges) {
    const v = ix.edges[k]!.op;
    const list = byOp.get(v);
    if (list) list.push(k);
    else byOp.set(v, [k]);
  }
  const names: string[] = [];
  const corrupted = new Set<number>();
  const hasB = new Set(vars.operators);
  for (const [v, list] of byOp) {
    const paid = list.every((e) => hasColumn(`p${e}`));
    const sum = list.reduce((s, e) => s.add(ix.edges[e]!.amount), Rational.ZERO);
    const whole = hasB.has(v) && (!paid || sum.gte(vars.fullCost[v]!));
    if (whole) names.push(`b${v}`);
    else for (const e of list) names.push(`p${e}`);
    for (const e of whole ? ix.edgesOfOp[v]! : list) corrupted.add(e);
  }
  return { names, corrupted };
}
