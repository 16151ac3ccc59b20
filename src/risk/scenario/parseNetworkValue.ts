import { fail, ok, type Result } from '../../errors/result.js';
import { parseDecimal, parseFraction } from '../../math/decimal.js';
import type { Rational } from '../../math/rational.js';
import type { Network, NetworkAllocation, NetworkOperator, NetworkService } from '../network.js';
import { scenarioBounds } from './scenarioBounds.js';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** YAML may give plain numbers; accept them only when they print as plain decimals. */
function text(v: unknown): unknown {
  return typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
}

function onlyKeys(o: Obj, keys: readonly string[], where: string): Result<true> {
  for (const k of Object.keys(o)) if (!keys.includes(k)) return fail('SCENARIO_NETWORK_INVALID', `${where}: unknown field "${k}"`);
  return ok(true);
}

function list(v: unknown, field: string, max: number): Result<unknown[]> {
  if (!Array.isArray(v)) return fail('SCENARIO_NETWORK_INVALID', `${field} must be a list`);
  if (v.length > max) return fail('SCENARIO_BOUND', `${field} has ${v.length} entries (at most ${max})`);
  return ok(v);
}

function id(v: unknown, field: string): Result<string> {
  if (typeof v !== 'string' || v.length === 0 || v.length > 128) return fail('BAD_ID', `${field}`);
  return ok(v);
}

/**
 * Validates a SPEC §5 network value (already parsed from JSON/YAML) into the exact network view.
 * Used when issue 5's file reader is not available; same format and semantics.
 */
export function parseNetworkValue(raw: unknown): Result<Network> {
  if (!isObj(raw)) return fail('SCENARIO_NETWORK_INVALID', 'the network must be an object');
  const keys = onlyKeys(raw, ['operators', 'services', 'allocations'], 'network');
  if (!keys.ok) return keys;
  const ops = list(raw.operators, 'operators', scenarioBounds.operatorsMax);
  const svcs = list(raw.services, 'services', scenarioBounds.servicesMax);
  const allocs = list(raw.allocations ?? [], 'allocations', scenarioBounds.allocationsMax);
  if (!ops.ok) return ops;
  if (!svcs.ok) return svcs;
  if (!allocs.ok) return allocs;
  const operators: NetworkOperator[] = [];
  const stakeOf = new Map<string, Rational>();
  for (const [i, o] of ops.value.entries()) {
    if (!isObj(o)) return fail('SCENARIO_NETWORK_INVALID', `operators[${i}] must be an object`);
    const k = onlyKeys(o, ['id', 'stake'], `operators[${i}]`);
    if (!k.ok) return k;
    const oid = id(o.id, `operators[${i}].id`);
    if (!oid.ok) return oid;
    if (stakeOf.has(oid.value)) return fail('SCENARIO_DUPLICATE_ID', `operator ${oid.value}`);
    const stake = parseDecimal(text(o.stake), `operators[${i}].stake`);
    if (!stake.ok) return stake;
    stakeOf.set(oid.value, stake.value);
    operators.push({ id: oid.value, stake: stake.value });
  }
  const services = parseServices(svcs.value);
  if (!services.ok) return services;
  const allocations = parseAllocations(allocs.value, stakeOf, new Set(services.value.map((s) => s.id)));
  if (!allocations.ok) return allocations;
  return ok({ operators, services: services.value, allocations: allocations.value });
}

function parseServices(values: unknown[]): Result<NetworkService[]> {
  const out: NetworkService[] = [];
  const seen = new Set<string>();
  for (const [i, s] of values.entries()) {
    if (!isObj(s)) return fail('SCENARIO_NETWORK_INVALID', `services[${i}] must be an object`);
    const k = onlyKeys(s, ['id', 'profitFromCorruption', 'attackThreshold'], `services[${i}]`);
    if (!k.ok) return k;
    const sid = id(s.id, `services[${i}].id`);
    if (!sid.ok) return sid;
    if (seen.has(sid.value)) return fail('SCENARIO_DUPLICATE_ID', `service ${sid.value}`);
    seen.add(sid.value);
    const pfc = parseDecimal(text(s.profitFromCorruption), `services[${i}].profitFromCorruption`);
    if (!pfc.ok) return pfc;
    const alpha = parseFraction(text(s.attackThreshold), `services[${i}].attackThreshold`);
    if (!alpha.ok) return alpha;
    if (alpha.value.isZero()) return fail('NUMBER_OUT_OF_RANGE', `services[${i}].attackThreshold must be > 0`);
    out.push({ id: sid.value, profitFromCorruption: pfc.value, attackThreshold: alpha.value });
  }
  return ok(out);
}

function parseAllocations(values: unknown[], stakeOf: Map<string, Rational>, services: Set<string>): Result<NetworkAllocation[]> {
  const out: NetworkAllocation[] = [];
  const seen = new Set<string>();
  for (const [i, a] of values.entries()) {
    if (!isObj(a)) return fail('SCENARIO_NETWORK_INVALID', `allocations[${i}] must be an object`);
    const k = onlyKeys(a, ['operator', 'service', 'amount'], `allocations[${i}]`);
    if (!k.ok) return k;
    const stake = typeof a.operator === 'string' ? stakeOf.get(a.operator) : undefined;
    if (stake === undefined) return fail('SCENARIO_UNKNOWN_REFERENCE', `allocations[${i}].operator ${String(a.operator)}`);
    if (typeof a.service !== 'string' || !services.has(a.service)) {
      return fail('SCENARIO_UNKNOWN_REFERENCE', `allocations[${i}].service ${String(a.service)}`);
    }
    const key = `${a.operator}\u0000${a.service}`;
    if (seen.has(key)) return fail('SCENARIO_DUPLICATE_ID', `allocation ${a.operator} → ${a.service}`);
    seen.add(key);
    let amount = stake;
    if (a.amount !== undefined) {
      const parsed = parseDecimal(text(a.amount), `allocations[${i}].amount`, { max: stake });
      if (!parsed.ok) return parsed;
      amount = parsed.value;
    }
    out.push({ operator: a.operator as string, service: a.service, amount });
  }
  return ok(out);
}

