import { fail, ok, type Result } from '../errors/result.js';
import { reservedIds } from '../core/log/fields.js';
import { parseFraction, parseRational } from '../math/decimal.js';
import { Rational } from '../math/rational.js';
import type { Network, NetworkAllocation, NetworkOperator, NetworkService } from './network.js';
import { allocationsMax, operatorsMax, servicesMax } from './networkBounds.js';

type Obj = Record<string, unknown>;
const ID = /^[\x21-\x7e][\x20-\x7e]{0,127}$/;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** YAML gives plain numbers for unquoted values; accept them only when they print as plain decimals. */
function text(v: unknown): unknown {
  return typeof v === 'number' && Number.isFinite(v) && !/e/i.test(String(v)) ? String(v) : v;
}

function fields(o: unknown, where: string, required: readonly string[], optional: readonly string[]): Result<Obj> {
  if (!isObj(o)) return fail('BAD_NETWORK', `${where} must be an object`);
  for (const k of Object.keys(o)) {
    if (!required.includes(k) && !optional.includes(k)) return fail('BAD_NETWORK', `${where}: unknown field "${k}"`);
  }
  for (const k of required) if (!(k in o)) return fail('BAD_FIELD', `${where}: missing "${k}"`);
  return ok(o);
}

function list(v: unknown, field: string, max: number): Result<unknown[]> {
  if (!Array.isArray(v)) return fail('BAD_NETWORK', `${field} must be a list`);
  if (v.length > max) return fail('TOO_LARGE', `${field} has ${v.length} entries (at most ${max})`);
  return ok(v);
}

function id(v: unknown, field: string): Result<string> {
  if (typeof v !== 'string' || !ID.test(v)) return fail('BAD_ID', `${field} is ${JSON.stringify(v)?.slice(0, 60) ?? String(v)}`);
  // the same ids the ledger refuses: as keys of the JSON report they would vanish (or pollute a prototype)
  if (reservedIds.has(v)) return fail('BAD_ID', `${field} ${JSON.stringify(v)} is reserved`);
  return ok(v);
}

function parseOperator(o: unknown, i: number): Result<NetworkOperator> {
  const where = `operators[${i}]`;
  const f = fields(o, where, ['id', 'stake'], []);
  if (!f.ok) return f;
  const oid = id(f.value.id, `${where}.id`);
  if (!oid.ok) return oid;
  const stake = parseRational(text(f.value.stake), `${where}.stake`);
  if (!stake.ok) return stake;
  return ok({ id: oid.value, stake: stake.value });
}

function parseService(o: unknown, i: number): Result<NetworkService> {
  const where = `services[${i}]`;
  const f = fields(o, where, ['id', 'profitFromCorruption', 'attackThreshold'], []);
  if (!f.ok) return f;
  const sid = id(f.value.id, `${where}.id`);
  if (!sid.ok) return sid;
  const pfc = parseRational(text(f.value.profitFromCorruption), `${where}.profitFromCorruption`);
  if (!pfc.ok) return pfc;
  const alpha = parseFraction(text(f.value.attackThreshold), `${where}.attackThreshold`);
  if (!alpha.ok) return alpha;
  if (alpha.value.isZero()) return fail('NUMBER_OUT_OF_RANGE', `${where}.attackThreshold must be in (0, 1]`);
  return ok({ id: sid.value, profitFromCorruption: pfc.value, attackThreshold: alpha.value });
}

function parseAllocation(o: unknown, i: number, stakes: Map<string, Rational>, services: Set<string>): Result<NetworkAllocation> {
  const where = `allocations[${i}]`;
  const f = fields(o, where, ['operator', 'service'], ['amount']);
  if (!f.ok) return f;
  const op = id(f.value.operator, `${where}.operator`);
  if (!op.ok) return op;
  const svc = id(f.value.service, `${where}.service`);
  if (!svc.ok) return svc;
  const stake = stakes.get(op.value);
  if (stake === undefined) return fail('UNKNOWN_REFERENCE', `${where}: operator "${op.value}"`);
  if (!services.has(svc.value)) return fail('UNKNOWN_REFERENCE', `${where}: service "${svc.value}"`);
  if (f.value.amount === undefined) return ok({ operator: op.value, service: svc.value, amount: stake });
  const amount = parseRational(text(f.value.amount), `${where}.amount`);
  if (!amount.ok) return amount;
  if (amount.value.gt(stake)) return fail('ALLOCATION_EXCEEDS_STAKE', `${where}: ${amount.value.toDecimal(18)} > stake of "${op.value}"`);
  return ok({ operator: op.value, service: svc.value, amount: amount.value });
}

function unique(ids: readonly string[], what: string): Result<Set<string>> {
  const seen = new Set<string>();
  for (const x of ids) {
    if (seen.has(x)) return fail('DUPLICATE_ID', `${what} "${x}"`);
    seen.add(x);
  }
  return ok(seen);
}

/** Validates a parsed JSON/YAML value against the network file format of SPEC §5 (strict, exact). */
export function parseNetwork(value: unknown): Result<Network> {
  const top = fields(value, 'network', ['operators', 'services'], ['allocations']);
  if (!top.ok) return top;
  const opsRaw = list(top.value.operators, 'operators', operatorsMax);
  if (!opsRaw.ok) return opsRaw;
  const svcRaw = list(top.value.services, 'services', servicesMax);
  if (!svcRaw.ok) return svcRaw;
  const allocRaw = list(top.value.allocations ?? [], 'allocations', allocationsMax);
  if (!allocRaw.ok) return allocRaw;
  const operators: NetworkOperator[] = [];
  for (const [i, o] of opsRaw.value.entries()) {
    const r = parseOperator(o, i);
    if (!r.ok) return r;
    operators.push(r.value);
  }
  const services: NetworkService[] = [];
  for (const [i, s] of svcRaw.value.entries()) {
    const r = parseService(s, i);
    if (!r.ok) return r;
    services.push(r.value);
  }
  const u1 = unique(
    operators.map((o) => o.id),
    'operator',
  );
  if (!u1.ok) return u1;
  const u2 = unique(
    services.map((s) => s.id),
    'service',
  );
  if (!u2.ok) return u2;
  const stakes = new Map(operators.map((o) => [o.id, o.stake] as const));
  const allocations: NetworkAllocation[] = [];
  const pairs = new Set<string>();
  for (const [i, a] of allocRaw.value.entries()) {
    const r = parseAllocation(a, i, stakes, u2.value);
    if (!r.ok) return r;
    const key = `${r.value.operator}\u0000${r.value.service}`;
    if (pairs.has(key)) return fail('DUPLICATE_ID', `allocations[${i}]: pair ("${r.value.operator}", "${r.value.service}") twice`);
    pairs.add(key);
    allocations.push(r.value);
  }
  return ok({ operators, services, allocations });
}
