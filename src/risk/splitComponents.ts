import type { Network } from './network.js';
import type { IndexedNetwork } from './indexNetwork.js';

/**
 * The connected components of the operator–service graph (edges: positive allocations), as
 * sub-networks. Attacks decompose over them exactly: an operator's cost only involves its own
 * edges and a service falls by the edges on it, so cost, revenue and profit of an attack are the
 * sums of those of its parts in each component. Operators without edges are left out (they take
 * part in no attack). Components are ordered by their first service, members keep their order.
 */
export function splitComponents(ix: IndexedNetwork): Network[] {
  const nOps = ix.opIds.length;
  const nSvc = ix.svcIds.length;
  // union–find over nodes: services 0..nSvc−1, operators nSvc..nSvc+nOps−1
  const parent = Int32Array.from({ length: nSvc + nOps }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const e of ix.edges) {
    const a = find(e.svc);
    const b = find(nSvc + e.op);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const byRoot = new Map<number, { ops: number[]; svcs: number[] }>();
  const part = (root: number) => {
    let p = byRoot.get(root);
    if (!p) byRoot.set(root, (p = { ops: [], svcs: [] }));
    return p;
  };
  for (let s = 0; s < nSvc; s++) part(find(s)).svcs.push(s);
  for (let v = 0; v < nOps; v++) if (ix.edgesOfOp[v]!.length > 0) part(find(nSvc + v)).ops.push(v);
  return [...byRoot.values()].map(({ ops, svcs }) => {
    const svcSet = new Set(svcs);
    return {
      operators: ops.map((v) => ({ id: ix.opIds[v]!, stake: ix.stake[v]! })),
      services: svcs.map((s) => ix.network.services[s]!),
      allocations: ix.edges
        .filter((e) => svcSet.has(e.svc))
        .map((e) => ({ operator: ix.opIds[e.op]!, service: ix.svcIds[e.svc]!, amount: e.amount })),
    };
  });
}
