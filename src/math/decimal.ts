import { fail, ok, type Result } from '../errors/result.js';
import { Rational } from './rational.js';

/** Largest amount of base units accepted anywhere (uint128, like on-chain balances). */
export const amountMax = 2n ** 128n - 1n;
/** Most fractional digits a decimal string may carry. */
export const fractionDigitsMax = 36;
/** Most integer digits a decimal string may carry. */
export const integerDigitsMax = 40;

const UINT = /^(0|[1-9][0-9]*)$/;
const DECIMAL = /^(-?)([0-9]+)(?:\.([0-9]+))?$/;
const RATIO = /^(0|[1-9][0-9]*)\/([1-9][0-9]*)$/;

/** Base-unit amount: a plain non-negative integer string ("0", "125"); no signs, exponents or hex. */
export function parseAmount(text: unknown, field: string, max: bigint = amountMax): Result<bigint> {
  // Library callers may pass bigints directly; the same bounds apply.
  if (typeof text === 'bigint') {
    if (text < 0n) return fail('NUMBER_OUT_OF_RANGE', `${field} must not be negative`);
    return text > max ? fail('NUMBER_OUT_OF_RANGE', `${field} must be at most ${max}`) : ok(text);
  }
  if (typeof text !== 'string' || !UINT.test(text)) {
    return fail('BAD_NUMBER', `${field} must be a non-negative integer string, got ${show(text)}`);
  }
  if (text.length > integerDigitsMax) return fail('NUMBER_OUT_OF_RANGE', `${field} has too many digits`);
  const value = BigInt(text);
  if (value > max) return fail('NUMBER_OUT_OF_RANGE', `${field} must be at most ${max}`);
  return ok(value);
}

export interface DecimalOptions {
  readonly allowNegative?: boolean;
  readonly min?: Rational;
  readonly max?: Rational;
}

/** Exact decimal string ("1", "0.25", "-3.5" when allowed) to a rational. Rejects '', '.', '1e3', '0x10'. */
export function parseDecimal(text: unknown, field: string, options: DecimalOptions = {}): Result<Rational> {
  const m = typeof text === 'string' ? DECIMAL.exec(text) : null;
  if (!m) return fail('BAD_NUMBER', `${field} must be a decimal string, got ${show(text)}`);
  const [, sign = '', int = '', frac = ''] = m;
  if (sign === '-' && !options.allowNegative) return fail('NUMBER_OUT_OF_RANGE', `${field} must not be negative`);
  if (int.length > integerDigitsMax || frac.length > fractionDigitsMax) {
    return fail('NUMBER_OUT_OF_RANGE', `${field} has too many digits`);
  }
  const scale = 10n ** BigInt(frac.length);
  const magnitude = BigInt(int) * scale + (frac.length > 0 ? BigInt(frac) : 0n);
  return bounded(Rational.of(sign === '-' ? -magnitude : magnitude, scale), field, options);
}

/**
 * An exact number written as a decimal string or "p/q" (SPEC §4, §5: the output writes "p/q" and
 * every input that takes a number reads it back). Bounds only where given; "p/q" is never negative.
 */
export function parseRational(text: unknown, field: string, options: DecimalOptions = {}): Result<Rational> {
  const m = typeof text === 'string' ? RATIO.exec(text) : null;
  if (!m) {
    const parsed = parseDecimal(text, field, options);
    if (!parsed.ok && parsed.error.code === 'BAD_NUMBER') {
      return fail('BAD_NUMBER', `${field} must be a decimal string or "p/q", got ${show(text)}`);
    }
    return parsed;
  }
  const [, p = '0', q = '1'] = m;
  if (p.length > integerDigitsMax || q.length > integerDigitsMax) {
    return fail('NUMBER_OUT_OF_RANGE', `${field} has too many digits`);
  }
  return bounded(Rational.of(BigInt(p), BigInt(q)), field, options);
}

/** A fraction: decimal string or "p/q", exact. Bounds default to [0, 1]. */
export function parseFraction(text: unknown, field: string, options: DecimalOptions = {}): Result<Rational> {
  const bounds = { min: options.min ?? Rational.ZERO, max: options.max ?? Rational.ONE };
  const parsed = parseRational(text, field, bounds);
  if (!parsed.ok && parsed.error.code === 'BAD_NUMBER') {
    return fail('BAD_FRACTION', `${field} must be a decimal string or "p/q", got ${show(text)}`);
  }
  return parsed;
}

function bounded(value: Rational, field: string, options: DecimalOptions): Result<Rational> {
  if (options.min && value.lt(options.min)) return fail('NUMBER_OUT_OF_RANGE', `${field} must be at least ${options.min}`);
  if (options.max && value.gt(options.max)) return fail('NUMBER_OUT_OF_RANGE', `${field} must be at most ${options.max}`);
  return ok(value);
}

/** Base units to a human decimal string with `decimals` places (trailing zeros trimmed). */
export function formatUnits(amount: bigint, decimals: number): string {
  return Rational.of(amount, 10n ** BigInt(decimals)).toDecimal(decimals);
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
