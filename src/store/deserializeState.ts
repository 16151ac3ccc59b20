import { Rational } from '../math/rational.js';
import type { LedgerState } from '../core/state/state.js';

/** Inverse of serializeState (see the tag list there). Throws on text it did not write. */
export function deserializeState(text: string): LedgerState {
  return decode(JSON.parse(text)) as LedgerState;
}

function decode(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return decodeTagged(v);
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) o[k] = decode(x);
  return o;
}

function decodeTagged(v: readonly unknown[]): unknown {
  const [tag, a, b] = v;
  switch (tag) {
    case 'u':
      return undefined;
    case 'n':
      return BigInt(a as string);
    case 'r':
      return Rational.of(BigInt(a as string), BigInt(b as string));
    case 'M':
      return new Map((a as [unknown, unknown][]).map(([k, x]) => [decode(k), decode(x)]));
    case 'S':
      return new Set((a as unknown[]).map(decode));
    case 'A':
      return (a as unknown[]).map(decode);
    default:
      throw new Error(`snapshot: unknown tag ${JSON.stringify(tag)}`);
  }
}
