import { fail, ok, type Result } from '../../errors/result.js';
import type { Network } from '../network.js';
import type { Holding, Position } from './scenario.js';
import type { PositionKind } from './positionKind.js';
import { scenarioBounds } from './scenarioBounds.js';

export interface RawPosition {
  readonly id: string;
  readonly kind: PositionKind;
  readonly holdings: readonly (
    { operator: string; amount: number } | { operator: string; service: string; amount: number } | { position: string; share: number }
  )[];
  readonly covers: readonly { position: string; deductible: number; limit: number }[];
  readonly capital?: number | undefined;
  /** Known value (positions derived from a ledger). */
  readonly value?: number | undefined;
  /** Numeraire value of natively restaked ETH held (base layer). */
  readonly native?: number | undefined;
}

/**
 * Resolves position references (operators, other positions for look-through, covered positions)
 * to indices and orders positions so that every position comes after those it holds or covers.
 */
export function resolvePositions(raw: readonly RawPosition[], network: Network, scenarios: number): Result<Position[]> {
  if (raw.length > scenarioBounds.positionsMax) return fail('SCENARIO_BOUND', `at most ${scenarioBounds.positionsMax} positions`);
  if (raw.length * scenarios > scenarioBounds.positionScenarioCellsMax) {
    return fail('SCENARIO_BOUND', `positions × scenarios at most ${scenarioBounds.positionScenarioCellsMax}`);
  }
  const holdings = raw.reduce((s, p) => s + p.holdings.length + p.covers.length, 0);
  if (holdings > scenarioBounds.holdingsMax) return fail('SCENARIO_BOUND', `at most ${scenarioBounds.holdingsMax} holdings`);
  const byId = new Map<string, RawPosition>();
  for (const p of raw) {
    if (byId.has(p.id)) return fail('SCENARIO_DUPLICATE_ID', `position ${p.id}`);
    byId.set(p.id, p);
  }
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const visit = (id: string, depth: number): Result<true> => {
    if (state.get(id) === 2) return ok(true);
    if (state.get(id) === 1 || depth > scenarioBounds.positionDepthMax) return fail('SCENARIO_POSITION_CYCLE', `at position ${id}`);
    state.set(id, 1);
    const p = byId.get(id);
    if (!p) return fail('SCENARIO_UNKNOWN_REFERENCE', `position ${id}`);
    const deps = [...p.holdings.flatMap((h) => ('position' in h ? [h.position] : [])), ...p.covers.map((c) => c.position)];
    for (const d of deps) {
      if (!byId.has(d)) return fail('SCENARIO_UNKNOWN_REFERENCE', `position ${id} refers to ${d}`);
      const r = visit(d, depth + 1);
      if (!r.ok) return r;
    }
    state.set(id, 2);
    order.push(id);
    return ok(true);
  };
  for (const p of raw) {
    const r = visit(p.id, 0);
    if (!r.ok) return r;
  }
  const posIdx = new Map(order.map((id, i) => [id, i]));
  const opIdx = new Map(network.operators.map((o, i) => [o.id, i]));
  const svcIdx = new Map(network.services.map((s, i) => [s.id, i]));
  const edges = new Set(network.allocations.map((a) => `${a.operator}\u0000${a.service}`));
  const out: Position[] = [];
  for (const id of order) {
    const p = byId.get(id) as RawPosition;
    const hs: Holding[] = [];
    for (const h of p.holdings) {
      if ('service' in h) {
        const o = opIdx.get(h.operator);
        const s = svcIdx.get(h.service);
        if (o === undefined || s === undefined || !edges.has(`${h.operator}\u0000${h.service}`)) {
          return fail('SCENARIO_UNKNOWN_REFERENCE', `position ${id}: no allocation from ${h.operator} to ${h.service}`);
        }
        hs.push({ kind: 'allocation', operator: o, service: s, amount: h.amount });
      } else if ('operator' in h) {
        const o = opIdx.get(h.operator);
        if (o === undefined) return fail('SCENARIO_UNKNOWN_REFERENCE', `position ${id}: operator ${h.operator}`);
        hs.push({ kind: 'operator', operator: o, amount: h.amount });
      } else hs.push({ kind: 'position', position: posIdx.get(h.position) ?? 0, share: h.share });
    }
    if (p.kind !== 'insurance' && p.covers.length > 0) return fail('SCENARIO_INVALID', `position ${id}: only insurance pools write covers`);
    const covers = p.covers.map((c) => ({ position: posIdx.get(c.position) ?? 0, deductible: c.deductible, limit: c.limit }));
    const capital = p.capital ?? covers.reduce((s, c) => s + c.limit, 0);
    const native = p.native ?? 0;
    out.push({
      id,
      kind: p.kind,
      holdings: hs,
      covers,
      capital,
      ...(p.value === undefined ? {} : { value: p.value }),
      ...(native > 0 ? { native } : {}),
    });
  }
  return ok(out);
}
