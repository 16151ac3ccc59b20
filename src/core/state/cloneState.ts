import { Rational } from '../../math/rational.js';
import type { LedgerState } from './state.js';

/**
 * Deep copy of ledger state. State is plain data (Maps, Sets, arrays, objects, bigint, number,
 * string, boolean, null) plus immutable Rationals, which are shared. Extensions that add state
 * keep to the same shapes and are copied without changes here.
 */
export function cloneState(state: LedgerState): LedgerState {
  return cloneValue(state) as LedgerState;
}

function cloneValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Rational) return v;
  if (v instanceof Map) {
    const m = new Map();
    for (const [k, x] of v) m.set(k, cloneValue(x));
    return m;
  }
  if (v instanceof Set) return new Set(v);
  if (Array.isArray(v)) return v.map(cloneValue);
  const o: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) o[k] = cloneValue(x);
  return o;
}
