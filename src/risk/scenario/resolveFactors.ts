import { fail, ok, type Result } from '../../errors/result.js';
import type { Network } from '../network.js';
import type { FactorLoading } from './scenario.js';
import { scenarioBounds } from './scenarioBounds.js';

interface RawFactor {
  readonly id: string;
  readonly loading: number;
  readonly members?: 'all' | 'operators' | 'services' | string[] | undefined;
}
type Refs = string[] | Record<string, number> | undefined;

export interface ResolvedLoadings {
  readonly services: FactorLoading[][];
  readonly operators: FactorLoading[][];
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
    if (m === 'all' || m === 'services') svc.forEach((x) => x.set(fi, f.loading));
    if (m === 'all' || m === 'operators') ops.forEach((x) => x.set(fi, f.loading));
    if (Array.isArray(m)) {
      for (const id of m) {
        const o = opIdx.get(id);
        const s = svcIdx.get(id);
        if (o === undefined && s === undefined) return fail('SCENARIO_UNKNOWN_REFERENCE', `factor ${f.id}: member ${id}`);
        if (o !== undefined) ops[o]?.set(fi, f.loading);
        if (s !== undefined) svc[s]?.set(fi, f.loading);
      }
    }
  }
  const addRefs = (target: Map<number, number> | undefined, refs: Refs, who: string): Result<true> => {
    if (!target || !refs) return ok(true);
    const entries: [string, number | undefined][] = Array.isArray(refs) ? refs.map((r) => [r, undefined]) : Object.entries(refs);
    for (const [fid, loading] of entries) {
      const fi = index.get(fid);
      if (fi === undefined) return fail('SCENARIO_UNKNOWN_REFERENCE', `${who}: factor ${fid}`);
      target.set(fi, loading ?? factors[fi]?.loading ?? 0);
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
  const finish = (maps: Map<number, number>[], ids: readonly { id: string }[]): Result<FactorLoading[][]> => {
    const out: FactorLoading[][] = [];
    for (const [i, m] of maps.entries()) {
      const list = [...m.entries()].filter(([, a]) => a !== 0).sort((a, b) => a[0] - b[0]).map(([factor, loading]) => ({ factor, loading }));
      const who = ids[i]?.id ?? String(i);
      if (list.length > scenarioBounds.factorsPerEntityMax) return fail('SCENARIO_BOUND', `${who} loads on more than ${scenarioBounds.factorsPerEntityMax} factors`);
      const sq = list.reduce((s, l) => s + l.loading * l.loading, 0);
      if (sq >= 1 - 1e-9) return fail('SCENARIO_LOADINGS_TOO_LARGE', `${who}: Σ a² = ${sq}`);
      out.push(list);
    }
    return ok(out);
  };
  const s = finish(svc, network.services);
  if (!s.ok) return s;
  const o = finish(ops, network.operators);
  if (!o.ok) return o;
  return ok({ services: s.value, operators: o.value });
}
