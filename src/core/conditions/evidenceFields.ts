import { StakemeshFailure } from '../../errors/result.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import { isId } from './bytes.js';

/**
 * Readers for evidence and condition-parameter JSON. They throw `StakemeshFailure` with the
 * code given (EVIDENCE_MALFORMED for evidence, BAD_CONDITION_PARAMS for params); the
 * conditions API turns it into a returned error.
 */
export type Json = Readonly<Record<string, unknown>>;

const UINT = /^(0|[1-9][0-9]*)$/;

export function asObject(v: unknown, what: string, code: ErrorCode = 'EVIDENCE_MALFORMED'): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new StakemeshFailure(code, `${what} must be an object`);
  return v as Json;
}

export function asArray(v: unknown, what: string, max: number, code: ErrorCode = 'EVIDENCE_MALFORMED'): readonly unknown[] {
  if (!Array.isArray(v)) throw new StakemeshFailure(code, `${what} must be a list`);
  if (v.length > max)
    throw new StakemeshFailure(code === 'EVIDENCE_MALFORMED' ? 'EVIDENCE_TOO_LARGE' : code, `${what} has more than ${max} entries`);
  return v;
}

/** Hex bytes: optional 0x, either case, even length; `len` fixes the length, `max` bounds it. */
export function hexField(
  v: unknown,
  what: string,
  len: { exact?: number; max?: number },
  code: ErrorCode = 'EVIDENCE_MALFORMED',
): Uint8Array {
  const start = hexBody(v, what, len, code);
  return hexBytes(v as string, start);
}

/**
 * The same checks as `hexField`, giving the digits as canonical lower-case hex (what `toHex` of
 * the bytes would give) without making the bytes.
 */
export function hexFieldText(
  v: unknown,
  what: string,
  len: { exact?: number; max?: number },
  code: ErrorCode = 'EVIDENCE_MALFORMED',
): string {
  const start = hexBody(v, what, len, code);
  const s = v as string;
  const text = start === 0 ? s : s.slice(start);
  return lowerHex.test(text) ? text : text.toLowerCase();
}

const lowerHex = /^[0-9a-f]*$/;
/** Pairs of hex digits from `lastIndex` (sticky) to the end: a test without a match array or substring. */
const hexDigitPairs = /(?:[0-9a-fA-F]{2})*$/y;

/**
 * Checks a hex field and returns where its digits start (0, or 2 after "0x"). Same verdicts and
 * messages, in the same order, as matching HEX = /^(?:0x)?((?:[0-9a-fA-F]{2})*)$/: a leading
 * "0x" is a prefix (the other reading cannot match, "x" not being a digit), then an even number
 * of digits, tested in place from where the digits start: no match array, no substring.
 */
function hexBody(v: unknown, what: string, len: { exact?: number; max?: number }, code: ErrorCode): number {
  if (typeof v !== 'string') throw new StakemeshFailure(code, `${what} must be a hex string`);
  const max = len.exact ?? len.max ?? 0;
  if (v.length > 2 * max + 2)
    throw new StakemeshFailure(code === 'EVIDENCE_MALFORMED' ? 'EVIDENCE_TOO_LARGE' : code, `${what} longer than ${max} bytes`);
  const start = v.charCodeAt(0) === 48 && v.charCodeAt(1) === 120 ? 2 : 0;
  const digits = v.length - start;
  hexDigitPairs.lastIndex = start;
  if (!hexDigitPairs.test(v)) throw new StakemeshFailure(code, `${what} is not hex`);
  if (digits > 2 * max)
    throw new StakemeshFailure(code === 'EVIDENCE_MALFORMED' ? 'EVIDENCE_TOO_LARGE' : code, `${what} longer than ${max} bytes`);
  if (len.exact !== undefined && digits !== 2 * len.exact) throw new StakemeshFailure(code, `${what} must be ${len.exact} bytes`);
  return start;
}

/** Value of each hex digit by character code (−1: not a digit). */
const hexDigit = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) {
    t[i.toString(16).charCodeAt(0)] = i;
    t[i.toString(16).toUpperCase().charCodeAt(0)] = i;
  }
  return t;
})();

/** Bytes of the even-length run of hex digits from `start` to the end of `s`, already checked by hexBody. */
function hexBytes(s: string, start: number): Uint8Array {
  const out = new Uint8Array((s.length - start) >> 1);
  for (let i = 0, j = start; i < out.length; i++, j += 2) {
    out[i] = ((hexDigit[s.charCodeAt(j)] as number) << 4) | (hexDigit[s.charCodeAt(j + 1)] as number);
  }
  return out;
}

export function idField(v: unknown, what: string, code: ErrorCode = 'EVIDENCE_MALFORMED'): string {
  if (typeof v !== 'string' || !isId(v)) throw new StakemeshFailure(code, `${what} must be an id (1..128 printable ASCII)`);
  return v;
}

/** Non-negative integer: JSON number or integer string, at most `max`. */
export function intField(v: unknown, what: string, max: number, code: ErrorCode = 'EVIDENCE_MALFORMED', min = 0): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && UINT.test(v) && v.length <= 16 ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new StakemeshFailure(code, `${what} must be an integer in [${min}, ${max}]`);
  return n;
}

const u256Limit = 2n ** 256n;

/** Unsigned 256-bit integer as a decimal string. */
export function u256Field(v: unknown, what: string, code: ErrorCode = 'EVIDENCE_MALFORMED'): bigint {
  if (typeof v !== 'string' || !UINT.test(v) || v.length > 78) throw new StakemeshFailure(code, `${what} must be a decimal integer string`);
  const n = BigInt(v);
  if (n >= u256Limit) throw new StakemeshFailure(code, `${what} must fit 256 bits`);
  return n;
}

const byteHex = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += byteHex[b[i] as number] as string;
  return s;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic byte order. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}
