import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import canonicalize from 'canonicalize';
import type { JobSpec } from './jobSpec.js';

/** SHA-256 (hex) of the JCS canonical JSON (RFC 8785) of a JSON value: equal values, equal hashes. */
export function contentHash(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('assertion failed: contentHash of a value with no JSON form');
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

/** The job's key: the content hash of { kind, stateHash, params }. */
export function jobKey(spec: JobSpec): string {
  return contentHash({ kind: spec.kind, stateHash: spec.stateHash, params: spec.params });
}
