import type { IndexedNetwork } from '../indexNetwork.js';

export interface DirtyEntities {
  /** Operators whose stake or edges changed (or that appeared or disappeared). */
  readonly operators: ReadonlySet<string>;
  /** Services whose PfC, threshold or edges changed (or that appeared or disappeared). */
  readonly services: ReadonlySet<string>;
}

function edgeMap(ix: IndexedNetwork): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of ix.edges) m.set(`${ix.opIds[e.op]}\u0000${ix.svcIds[e.svc]}`, e.amount.toString());
  return m;
}

/** What changed between two network views, by entity: an O(operators + services + edges) diff. */
export function dirtyEntities(before: IndexedNetwork, after: IndexedNetwork): DirtyEntities {
  const operators = new Set<string>();
  const services = new Set<string>();
  const stake = new Map(before.opIds.map((id, v) => [id, before.stake[v]!.toString()] as const));
  const afterOps = new Set(after.opIds);
  for (const [v, id] of after.opIds.entries()) if (stake.get(id) !== after.stake[v]!.toString()) operators.add(id);
  for (const id of before.opIds) if (!afterOps.has(id)) operators.add(id);
  const svc = new Map(before.svcIds.map((id, s) => [id, `${before.pfc[s]!.toString()}@${before.alpha[s]!.toString()}`] as const));
  const afterSvcs = new Set(after.svcIds);
  for (const [s, id] of after.svcIds.entries())
    if (svc.get(id) !== `${after.pfc[s]!.toString()}@${after.alpha[s]!.toString()}`) services.add(id);
  for (const id of before.svcIds) if (!afterSvcs.has(id)) services.add(id);
  const [a, b] = [edgeMap(before), edgeMap(after)];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) === b.get(key)) continue;
    const [op, s] = key.split('\u0000') as [string, string];
    operators.add(op);
    services.add(s);
  }
  return { operators, services };
}
