import type { Json, JsonObject } from './api';
import type { Proof } from './components/Figure';

/** A figure of the standard metrics (docs/metrics.md): its exact value and whether it is proven. */
export interface Metric {
  value: string | number | boolean | null;
  proof: Proof | undefined;
}

/**
 * Reads figure `name` of a metrics object. A figure is either a plain JSON value or an object
 * `{ value, proven, lower?, upper? }`.
 */
export function metric(obj: JsonObject | null | undefined, name: string): Metric {
  const raw: Json | undefined = obj?.[name];
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'value' in raw) {
    const v = raw.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : JSON.stringify(v);
    const lower = typeof raw.lower === 'string' ? raw.lower : null;
    const upper = typeof raw.upper === 'string' ? raw.upper : null;
    return { value, proof: { proven: raw.proven === true, lower, upper } };
  }
  if (raw === undefined || raw === null) return { value: null, proof: undefined };
  if (typeof raw === 'object') return { value: JSON.stringify(raw), proof: undefined };
  return { value: raw, proof: undefined };
}

export function obj(v: Json | undefined): JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

export function str(v: Json | undefined): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}
