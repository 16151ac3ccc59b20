import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { Rational } from '../../math/rational.js';
import type { LedgerState } from './state.js';

const flushChars = 1 << 16;

/**
 * SHA-256 of a canonical encoding of the whole state (insertion order, which is a function of the
 * command log; bigints tagged so "1" and 1n differ). Streamed, so million-staker states hash
 * without building one huge string.
 */
export function stateHash(state: LedgerState): string {
  const h = sha256.create();
  const encoder = new TextEncoder();
  let buf = '';
  const out = (s: string): void => {
    buf += s;
    if (buf.length >= flushChars) {
      h.update(encoder.encode(buf));
      buf = '';
    }
  };
  walk(state, out);
  h.update(encoder.encode(buf));
  return bytesToHex(h.digest());
}

function walk(v: unknown, out: (s: string) => void): void {
  if (typeof v === 'bigint') return out(`${v}n`);
  if (v === null || typeof v !== 'object') return out(v === undefined ? 'u' : JSON.stringify(v));
  if (v instanceof Rational) return out(`r${v.toString()}`);
  if (v instanceof Map) {
    out('M{');
    for (const [k, x] of v) {
      out(`${JSON.stringify(k)}:`);
      walk(x, out);
      out(',');
    }
    return out('}');
  }
  if (v instanceof Set) return out(`S${JSON.stringify([...v])}`);
  if (Array.isArray(v)) {
    out('[');
    for (const x of v) {
      walk(x, out);
      out(',');
    }
    return out(']');
  }
  out('{');
  for (const [k, x] of Object.entries(v)) {
    out(`${JSON.stringify(k)}:`);
    walk(x, out);
    out(',');
  }
  out('}');
}
