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
  const order = orderPositions(raw, byId);
  if (!order.ok) return order;
  const posIdx = new Map(order.value.map((id, i) => [id, i]));
  const opIdx = new Map(network.operators.map((o, i) => [o.id, i]));
  const svcIdx = new Map(network.services.map((s, i) => [s.id, i]));
  const edges = new Map(network.allocations.map((a) => [`${a.operator}\u0000${a.service}`, a.amount.toNumber()] as const));
  const out: Position[] = [];
  for (const id of order.value) {
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
    const over = holdingsWithinStake(id, hs, network, edges);
    if (!over.ok) return over;
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

/**
 * Orders positions so that each comes after those it holds or covers. The depth bound applies to
 * the longest chain below a position (its height), however the positions are listed; a cycle is
 * reported only when a position is reached again while it is still being resolved.
 */
function orderPositions(raw: readonly RawPosition[], byId: ReadonlyMap<string, RawPosition>): Result<string[]> {
  const order: string[] = [];
  const height = new Map<string, number>();
  const onPath = new Set<string>();
  const visit = (id: string): Result<number> => {
    const known = height.get(id);
    if (known !== undefined) return ok(known);
    if (onPath.has(id)) return fail('SCENARIO_POSITION_CYCLE', `position ${id} holds or covers itself through ${[...onPath].join(' → ')}`);
    const p = byId.get(id);
    if (!p) return fail('SCENARIO_UNKNOWN_REFERENCE', `position ${id}`);
    onPath.add(id);
    let h = 0;
    const deps = [...p.holdings.flatMap((x) => ('position' in x ? [x.position] : [])), ...p.covers.map((c) => c.position)];
    for (const d of deps) {
      if (!byId.has(d)) return fail('SCENARIO_UNKNOWN_REFERENCE', `position ${id} refers to ${d}`);
      const r = visit(d);
      if (!r.ok) return r;
      h = Math.max(h, r.value + 1);
    }
    onPath.delete(id);
    if (h > scenarioBounds.positionDepthMax) {
      return fail(
        'SCENARIO_BOUND',
        `position ${id} sits on a chain of ${h} positions below it (at most ${scenarioBounds.positionDepthMax})`,
      );
    }
    height.set(id, h);
    order.push(id);
    return ok(h);
  };
  for (const p of raw) {
    const r = visit(p.id);
    if (!r.ok) return r;
  }
  return ok(order);
}

/** Relative slack for amounts derived from a ledger in floating point (a sum may exceed the exact stake by a few ulps). */
const holdingSlack = 1e-9;

/**
 * A position cannot hold more of an operator than the operator's stake, nor more of an
 * allocation than its amount: its loss is amount × (fraction lost), so an amount past the stake
 * would scale losses past the stake.
 */
function holdingsWithinStake(id: string, hs: readonly Holding[], network: Network, edgeAmount: ReadonlyMap<string, number>): Result<true> {
  const byOp = new Map<number, number>();
  const byEdge = new Map<string, number>();
  for (const h of hs) {
    if (h.kind === 'operator') byOp.set(h.operator, (byOp.get(h.operator) ?? 0) + h.amount);
    else if (h.kind === 'allocation') byEdge.set(`${h.operator}:${h.service}`, (byEdge.get(`${h.operator}:${h.service}`) ?? 0) + h.amount);
  }
  for (const [o, amount] of byOp) {
    const op = network.operators[o];
    const stake = op?.stake.toNumber() ?? 0;
    if (op && amount > stake * (1 + holdingSlack)) {
      return fail('SCENARIO_HOLDING_EXCEEDS_STAKE', `position ${id} holds ${amount} of operator ${op.id}, whose stake is ${stake}`);
    }
  }
  for (const [key, amount] of byEdge) {
    const [o, s] = key.split(':').map(Number) as [number, number];
    const op = network.operators[o]?.id ?? '';
    const svc = network.services[s]?.id ?? '';
    const a = edgeAmount.get(`${op}\u0000${svc}`) ?? 0;
    if (amount > a * (1 + holdingSlack)) {
      return fail('SCENARIO_HOLDING_EXCEEDS_STAKE', `position ${id} holds ${amount} of the allocation of ${op} to ${svc}, which is ${a}`);
    }
  }
  return ok(true);
}
