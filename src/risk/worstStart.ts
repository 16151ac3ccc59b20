import type { Attack } from './attack.js';
import type { IndexedNetwork } from './indexNetwork.js';
import type { WorstLossWarmStart } from './worstLossBnb.js';

/**
 * A shock and the attack after it, by ids (an earlier answer of R_ψ), as operator and edge indices of this network: the
 * branch and bound's starting incumbent (worstLossBnb `warm.start`). Null when an operator of the shock is not here;
 * edges that are not here are left out (the start is valued exactly on this network).
 */
export function worstStart(
  ix: IndexedNetwork,
  shockIds: readonly string[],
  attack: Pick<Attack, 'edges'> | null,
): WorstLossWarmStart['start'] {
  const opIndex = new Map(ix.opIds.map((id, v) => [id, v] as const));
  const shock = shockIds.map((id) => opIndex.get(id));
  if (shock.some((v) => v === undefined)) return null;
  const corrupted = new Set<number>();
  for (const { operator, service } of attack?.edges ?? []) {
    const v = opIndex.get(operator);
    const e = v === undefined ? undefined : ix.edgesOfOp[v]!.find((x) => ix.svcIds[ix.edges[x]!.svc] === service);
    if (e !== undefined) corrupted.add(e);
  }
  return { shock: shock as number[], corrupted };
}
