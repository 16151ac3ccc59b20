import { Rational } from '../math/rational.js';
import type { Attack } from './attack.js';
import type { BestAttackOptions, BestAttackResult } from './bestAttack.js';
import { bestAttackChosen } from './bestAttackChosen.js';
import { indexNetwork, type IndexedNetwork } from './indexNetwork.js';
import { splitComponents } from './splitComponents.js';
import { cachedSolve, componentKey, type ComponentCache } from './componentCache.js';
import { bestAttackWarm } from './bestAttackWarm.js';
import { warmEntry } from './warmEntry.js';

/**
 * `bestAttack` (profitable attacks only) solved per connected component of the operator–service
 * graph: profits add over components, so the most profitable attack is the union of every
 * component's most profitable attack with profit > 0 (null if none), exact when every component
 * is, and Σ max(0, bound) bounds it. One component: exactly `bestAttack`. Components share the time
 * budget (each gets the time left divided by the components left). With a cache, components whose
 * content is unchanged since an earlier analysis reuse their exact answer (warm start).
 */
export async function bestAttackDecomposed(
  ix: IndexedNetwork,
  options: Omit<BestAttackOptions, 'profitableOnly' | 'pfcScale' | 'relGap'> = {},
  cache?: ComponentCache,
): Promise<BestAttackResult> {
  const parts = splitComponents(ix).filter((n) => n.services.some((s) => s.profitFromCorruption.sign() > 0));
  if (parts.length <= 1) {
    return cachedSolve(
      cache,
      (c) => c.best,
      () => componentKey(ix.network),
      () => {
        // a single component: a warm start from the proof kept by the analysis before the command (on
        // full-restaking networks with the cold route's grid polish and cover bound: without them the warm one ran
        // out its 60 s on the bundled mainnet network where the cold one takes 1 s)
        const warm = warmEntry(cache, ix);
        return warm ? bestAttackWarm(ix, options, warm) : bestAttackChosen(ix, options);
      },
    );
  }
  const deadline = Date.now() + (options.timeLimitS ?? Number.POSITIVE_INFINITY) * 1000;
  const found: Attack[] = [];
  let exact = true;
  let bound: Rational | null = Rational.ZERO;
  for (const [i, net] of parts.entries()) {
    const timeLimitS = Math.max((deadline - Date.now()) / 1000 / (parts.length - i), 0.05);
    const r = await cachedSolve(
      cache,
      (c) => c.best,
      () => componentKey(net),
      () => bestAttackChosen(indexNetwork(net), { ...options, timeLimitS }),
    );
    if (r.attack && r.attack.profit.sign() > 0) found.push(r.attack);
    exact &&= r.exact;
    const ub = r.exact ? (r.attack?.profit ?? Rational.ZERO) : r.profitUpperBound;
    bound = bound === null || ub === null ? null : bound.add(ub.max(Rational.ZERO));
  }
  const attack = found.length === 0 ? null : unionOf(ix, found);
  if (exact) return { attack, exact, profitUpperBound: attack?.profit ?? Rational.ZERO };
  return { attack, exact, profitUpperBound: bound && attack && bound.lt(attack.profit) ? attack.profit : bound };
}

/** The union of attacks on disjoint components: lists in network order, sums of the figures. */
export function unionOf(ix: IndexedNetwork, parts: readonly Attack[]): Attack {
  const svcOrder = new Map(ix.svcIds.map((id, i) => [id, i] as const));
  const opOrder = new Map(ix.opIds.map((id, i) => [id, i] as const));
  const bySvc = (a: string, b: string) => svcOrder.get(a)! - svcOrder.get(b)!;
  const byOp = (a: string, b: string) => opOrder.get(a)! - opOrder.get(b)!;
  const sum = (f: (a: Attack) => Rational) => parts.reduce((s, a) => s.add(f(a)), Rational.ZERO);
  return {
    services: parts.flatMap((a) => a.services).sort(bySvc),
    operators: parts.flatMap((a) => a.operators).sort(byOp),
    edges: parts.flatMap((a) => a.edges).sort((x, y) => byOp(x.operator, y.operator) || bySvc(x.service, y.service)),
    revenue: sum((a) => a.revenue),
    cost: sum((a) => a.cost),
    profit: sum((a) => a.profit),
  };
}
