import { Rational } from '../math/rational.js';
import type { LedgerState } from '../core/state/state.js';

/**
 * Exact JSON encoding of ledger state for snapshots. Every array in the output is a tag:
 * ["n", "123"] bigint, ["r", "num", "den"] Rational, ["M", [[k, v], …]] Map (insertion order kept,
 * it is part of the state hash), ["S", [...]] Set, ["A", [...]] array, ["u"] undefined. Plain
 * objects stay objects (own keys in order), so nothing is ambiguous and deserializeState
 * rebuilds the same state hash.
 */
export function serializeState(state: LedgerState): string {
  return JSON.stringify(encode(state));
}

function encode(v: unknown): unknown {
  if (v === undefined) return ['u'];
  if (typeof v === 'bigint') return ['n', v.toString()];
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`assertion failed: non-finite number in state`);
    if (typeof v === 'function' || typeof v === 'symbol') throw new Error('assertion failed: function or symbol in state');
    return v;
  }
  if (v instanceof Rational) return ['r', v.num.toString(), v.den.toString()];
  if (v instanceof Map) return ['M', [...v].map(([k, x]) => [encode(k), encode(x)])];
  if (v instanceof Set) return ['S', [...v].map(encode)];
  if (Array.isArray(v)) return ['A', v.map(encode)];
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new Error('assertion failed: state holds an object of an unknown class');
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) o[k] = encode(x);
  return o;
}
