import type { Rational } from '../../math/rational.js';
import type { IndexedNetwork } from '../indexNetwork.js';

export interface DirtyEntities {
  /** Operators whose stake or edges changed (or that appeared or disappeared). */
  readonly operators: ReadonlySet<string>;
  /** Services whose PfC, threshold or edges changed (or that appeared or disappeared). */
  readonly services: ReadonlySet<string>;
}

function edgeMap(ix: IndexedNetwork): Map<string, Rational> {
  const m = new Map<string, Rational>();
  for (const e of ix.edges) m.set(`${ix.opIds[e.op]}\u0000${ix.svcIds[e.svc]}`, e.amount);
  return m;
}

/** Equal values (rationals are normalised, so equal numerators and denominators); no text, no gcd. */
const same = (a: Rational | undefined, b: Rational | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && a.num === b.num && a.den === b.den);

/** What changed between two network views, by entity: an O(operators + services + edges) diff. */
export function dirtyEntities(before: IndexedNetwork, after: IndexedNetwork): DirtyEntities {
  const operators = new Set<string>();
  const services = new Set<string>();
  const stake = new Map(before.opIds.map((id, v) => [id, before.stake[v]!] as const));
  const afterOps = new Set(after.opIds);
  for (const [v, id] of after.opIds.entries()) if (!same(stake.get(id), after.stake[v]!)) operators.add(id);
  for (const id of before.opIds) if (!afterOps.has(id)) operators.add(id);
  const svc = new Map(before.svcIds.map((id, s) => [id, s] as const));
  const afterSvcs = new Set(after.svcIds);
  for (const [s, id] of after.svcIds.entries()) {
    const b = svc.get(id);
    if (b === undefined || !same(before.pfc[b], after.pfc[s]) || !same(before.alpha[b], after.alpha[s])) services.add(id);
  }
  for (const id of before.svcIds) if (!afterSvcs.has(id)) services.add(id);
  const [a, b] = [edgeMap(before), edgeMap(after)];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (same(a.get(key), b.get(key))) continue;
    const [op, s] = key.split('\u0000') as [string, string];
    operators.add(op);
    services.add(s);
  }
  return { operators, services };
}
