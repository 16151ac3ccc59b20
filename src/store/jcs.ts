import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON (JCS) of a JSON value. Returns null for values JSON cannot represent
 * (undefined, functions, non-finite numbers, bigint, cycles), so callers answer with an error
 * code instead of throwing.
 */
export function jcs(value: unknown): string | null {
  try {
    const text = canonicalize(value);
    return typeof text === 'string' ? text : null;
  } catch {
    return null;
  }
}
