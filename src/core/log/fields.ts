import { StakemeshFailure } from '../../errors/result.js';
import { parseAmount, parseDecimal, parseFraction } from '../../math/decimal.js';
import type { Rational } from '../../math/rational.js';
import { WAD } from '../../math/wad.js';
import { mulDiv } from '../../math/mulDiv.js';
import { idLengthMax } from '../state/bounds.js';

/**
 * Field readers for raw commands. They throw `StakemeshFailure` (a user error) which the
 * command parser turns into a returned error; nothing here touches ledger state.
 */
export type Raw = Readonly<Record<string, unknown>>;

const ID = /^[\x21-\x7e]+$/;
/**
 * Ids that collide with JavaScript object internals: as keys of the plain-object views
 * (`run --json`, tables) they would vanish or pollute a prototype, so they are refused.
 */
const reservedIds: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function reqId(raw: Raw, field: string): string {
  const v = raw[field];
  if (typeof v !== 'string') throw new StakemeshFailure('BAD_FIELD', `${field} must be a string id`);
  if (v.length === 0 || v.length > idLengthMax || !ID.test(v)) {
    throw new StakemeshFailure('BAD_ID', `${field} ${JSON.stringify(v.slice(0, 40))}`);
  }
  if (reservedIds.has(v)) throw new StakemeshFailure('BAD_ID', `${field} ${JSON.stringify(v)} is reserved`);
  return v;
}

export function optId(raw: Raw, field: string): string | undefined {
  return raw[field] === undefined ? undefined : reqId(raw, field);
}

export function reqIdList(raw: Raw, field: string, max: number): string[] {
  const v = raw[field];
  if (!Array.isArray(v)) throw new StakemeshFailure('BAD_FIELD', `${field} must be a list of ids`);
  if (v.length > max) throw new StakemeshFailure('TOO_LARGE', `${field} has more than ${max} entries`);
  const ids = v.map((_, i) => reqId(v as unknown as Raw, String(i)));
  if (new Set(ids).size !== ids.length) throw new StakemeshFailure('BAD_FIELD', `${field} has duplicates`);
  return ids;
}

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new StakemeshFailure(r.error.code as never, r.error.message.replace(/^[^:]*: /, ''));
  return r.value;
}

/** Amount in base units: a non-negative integer string. Numbers are refused (they lose precision). */
export function reqAmount(raw: Raw, field: string): bigint {
  if (raw[field] === undefined) throw new StakemeshFailure('BAD_FIELD', `${field} is required`);
  return unwrap(parseAmount(raw[field], field));
}

/**
 * A WAD-based value (magnitude, wad). A fraction — "0.5", "1/3", "1", "0" — is converted to WAD
 * units rounding down (never slashes or allocates more than written); any other integer string
 * is taken as WAD units already ("500000000000000000"), as EigenLayer's contracts take them.
 */
export function reqWad(raw: Raw, field: string): bigint {
  const v = raw[field];
  if (typeof v === 'string' && (v.includes('.') || v.includes('/') || v === '0' || v === '1')) {
    const r = unwrap(parseFraction(v, field));
    return mulDiv(r.num, WAD, r.den, 'down');
  }
  if (v === undefined) throw new StakemeshFailure('BAD_FIELD', `${field} is required`);
  return unwrap(parseAmount(v, field, WAD));
}

/** Block counts and small integers may be JSON numbers or integer strings. */
export function reqInt(raw: Raw, field: string, min: number, max: number): number {
  const v = raw[field];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw new StakemeshFailure('BAD_FIELD', `${field} must be an integer`);
  if (n < min || n > max) throw new StakemeshFailure('NUMBER_OUT_OF_RANGE', `${field} must be in [${min}, ${max}]`);
  return n;
}

export function optInt(raw: Raw, field: string, min: number, max: number, fallback: number): number {
  return raw[field] === undefined ? fallback : reqInt(raw, field, min, max);
}

export function reqDecimal(raw: Raw, field: string): Rational {
  return unwrap(parseDecimal(raw[field], field));
}

export function optFraction(raw: Raw, field: string, fallback: Rational, min?: Rational): Rational {
  if (raw[field] === undefined) return fallback;
  return unwrap(parseFraction(raw[field], field, min ? { min } : {}));
}

export function optDecimal(raw: Raw, field: string, fallback: Rational): Rational {
  return raw[field] === undefined ? fallback : reqDecimal(raw, field);
}

export function optEnum<T extends string>(raw: Raw, field: string, allowed: readonly T[], fallback: T): T {
  const v = raw[field];
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new StakemeshFailure('BAD_FIELD', `${field} must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

/**
 * A signed amount in base units: an integer string with an optional leading "-" ("-32000000000"),
 * within ±amountMax. Used for balance deltas (EigenLayer `int256 balanceDeltaWei`).
 */
export function reqSignedAmount(raw: Raw, field: string): bigint {
  const v = raw[field];
  if (v === undefined) throw new StakemeshFailure('BAD_FIELD', `${field} is required`);
  if (typeof v === 'string' && v.startsWith('-')) {
    const magnitude = unwrap(parseAmount(v.slice(1), field));
    if (magnitude === 0n) throw new StakemeshFailure('BAD_NUMBER', `${field} must not be "-0"`);
    return -magnitude;
  }
  if (typeof v === 'bigint' && v < 0n) return -unwrap(parseAmount(-v, field));
  return unwrap(parseAmount(v, field));
}
