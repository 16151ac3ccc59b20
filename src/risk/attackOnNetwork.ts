import type { Attack } from './attack.js';
import { evaluateAttack } from './evaluateAttack.js';
import type { IndexedNetwork } from './indexNetwork.js';

/**
 * An attack found elsewhere (an earlier analysis, another phase) re-valued exactly on this network:
 * the same corrupted edges, with the services that fall here and the costs here (edges to services
 * that do not fall are dropped). Null when one of its edges is not an edge of this network or nothing
 * with PfC > 0 falls. The result is a real attack on `ix`, so its ratio bounds γ* from above.
 */
export function attackOnNetwork(ix: IndexedNetwork, attack: Pick<Attack, 'edges'>): Attack | null {
  const opIndex = new Map(ix.opIds.map((id, v) => [id, v] as const));
  const svcIndex = new Map(ix.svcIds.map((id, s) => [id, s] as const));
  const corrupted = new Set<number>();
  for (const { operator, service } of attack.edges) {
    const v = opIndex.get(operator);
    const s = svcIndex.get(service);
    const e = v === undefined || s === undefined ? undefined : ix.edgesOfOp[v]!.find((x) => ix.edges[x]!.svc === s);
    if (e === undefined) return null;
    corrupted.add(e);
  }
  const ev = evaluateAttack(ix, corrupted, new Set(), undefined, true);
  return ev.fallen.length > 0 ? ev.attack : null;
}
