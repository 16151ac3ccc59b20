import { fail, ok, type Result } from '../../errors/result.js';
import type { Network } from '../network.js';
import type { FactorLoading, ShockMembership } from './scenario.js';
import { scenarioBounds } from './scenarioBounds.js';

interface RawFactor {
  readonly id: string;
  readonly loading?: number | undefined;
  readonly shock?: { readonly probability: number; readonly faultProbability: number } | undefined;
  readonly members?: 'all' | 'operators' | 'services' | string[] | undefined;
}
type Refs = string[] | Record<string, number> | undefined;

export interface ResolvedLoadings {
  readonly services: FactorLoading[][];
  readonly operators: FactorLoading[][];
  readonly serviceShocks: ShockMembership[][];
  readonly operatorShocks: ShockMembership[][];
}

/** The default value a member gets: the Gaussian loading, or the shock's conditional fault probability. */
function defaultValue(f: RawFactor): number {
  return f.loading ?? f.shock?.faultProbability ?? 0;
}

/**
 * Turns factor membership (on the factor: `members`; on the entity: `factors`, optionally with
 * its own loading) into per-entity loading lists, checking Σ a² < 1 for every entity.
 */
export function resolveFactors(
  factors: readonly RawFactor[],
  network: Network,
  services: ReadonlyMap<string, { factors?: Refs }>,
  operators: ReadonlyMap<string, { factors?: Refs }>,
): Result<ResolvedLoadings> {
  const index = new Map<string, number>();
  for (const [i, f] of factors.entries()) {
    if (index.has(f.id)) return fail('SCENARIO_DUPLICATE_ID', `factor ${f.id}`);
    index.set(f.id, i);
  }
  const svcIdx = new Map(network.services.map((s, i) => [s.id, i]));
  const opIdx = new Map(network.operators.map((o, i) => [o.id, i]));
  const svc = network.services.map(() => new Map<number, number>());
  const ops = network.operators.map(() => new Map<number, number>());
  for (const [fi, f] of factors.entries()) {
    const m = f.members;
    const v = defaultValue(f);
    if (m === 'all' || m === 'services') svc.forEach((x) => x.set(fi, v));
    if (m === 'all' || m === 'operators') ops.forEach((x) => x.set(fi, v));
    if (Array.isArray(m)) {
      for (const id of m) {
        const o = opIdx.get(id);
        const s = svcIdx.get(id);
        if (o === undefined && s === undefined) return fail('SCENARIO_UNKNOWN_REFERENCE', `factor ${f.id}: member ${id}`);
        if (o !== undefined) ops[o]?.set(fi, v);
        if (s !== undefined) svc[s]?.set(fi, v);
      }
    }
  }
  const addRefs = (target: Map<number, number> | undefined, refs: Refs, who: string): Result<true> => {
    if (!target || !refs) return ok(true);
    const entries: [string, number | undefined][] = Array.isArray(refs) ? refs.map((r) => [r, undefined]) : Object.entries(refs);
    for (const [fid, loading] of entries) {
      const fi = index.get(fid);
      if (fi === undefined) return fail('SCENARIO_UNKNOWN_REFERENCE', `${who}: factor ${fid}`);
      const f = factors[fi];
      target.set(fi, loading ?? (f ? defaultValue(f) : 0));
    }
    return ok(true);
  };
  for (const [id, e] of services) {
    const r = addRefs(svc[svcIdx.get(id) ?? -1], e.factors, `service ${id}`);
    if (!r.ok) return r;
  }
  for (const [id, e] of operators) {
    const r = addRefs(ops[opIdx.get(id) ?? -1], e.factors, `operator ${id}`);
    if (!r.ok) return r;
  }
  const isShock = factors.map((f) => f.shock !== undefined);
  const s = finish(svc, network.services, isShock);
  if (!s.ok) return s;
  const o = finish(ops, network.operators, isShock);
  if (!o.ok) return o;
  return ok({ services: s.value.loadings, operators: o.value.loadings, serviceShocks: s.value.shocks, operatorShocks: o.value.shocks });
}

/** Per entity: its Gaussian loadings and shock memberships, in factor order, checked (count, probabilities, Σ a² < 1). */
function finish(
  maps: Map<number, number>[],
  ids: readonly { id: string }[],
  isShock: readonly boolean[],
): Result<{ loadings: FactorLoading[][]; shocks: ShockMembership[][] }> {
  const loadings: FactorLoading[][] = [];
  const shocks: ShockMembership[][] = [];
  for (const [i, m] of maps.entries()) {
    const entries = [...m.entries()].filter(([, a]) => a !== 0).sort((a, b) => a[0] - b[0]);
    const list = entries.filter(([fi]) => !isShock[fi]).map(([factor, loading]) => ({ factor, loading }));
    const sh = entries.filter(([fi]) => isShock[fi]).map(([factor, probability]) => ({ factor, probability }));
    const who = ids[i]?.id ?? String(i);
    if (list.length + sh.length > scenarioBounds.factorsPerEntityMax)
      return fail('SCENARIO_BOUND', `${who} belongs to more than ${scenarioBounds.factorsPerEntityMax} factors`);
    if (sh.some((x) => x.probability < 0 || x.probability > 1))
      return fail('SCENARIO_INVALID', `${who}: shock fault probabilities must be in [0, 1]`);
    const sq = list.reduce((acc, l) => acc + l.loading * l.loading, 0);
    if (sq >= 1 - 1e-9) return fail('SCENARIO_LOADINGS_TOO_LARGE', `${who}: Σ a² = ${sq}`);
    loadings.push(list);
    shocks.push(sh);
  }
  return ok({ loadings, shocks });
}
