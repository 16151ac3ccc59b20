import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { nativeKeyCacheMax } from './conditionBounds.js';

/**
 * Fast path of signature verification through node:crypto (OpenSSL), about 20–50× faster than
 * pure JS. It only ever answers "valid" when the reference verifier (@noble/curves, strict
 * RFC 8032 / low-S ECDSA; see signatures.ts) answers "valid" too:
 * - ed25519: OpenSSL checks the cofactorless equation [S]B = R + [k]A and compares R's encoding,
 *   so it implies the cofactored equation noble checks, a canonical R and S < L. Keys that noble
 *   refuses (non-canonical encoding, small order) never get a native key.
 * - secp256k1: the same ECDSA equation over sha256(message); OpenSSL accepts high-S twins, so
 *   high-S is refused here before OpenSSL is asked.
 * A "no" from here is not final: the caller asks the reference verifier, so verdicts are the
 * reference's on every input (test/core/conditions/nativeVerify.test.ts checks both agree).
 */
export function nativeVerify(scheme: 'ed25519' | 'secp256k1', publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean {
  const key = nativeKeyOf(scheme, publicKeyHex);
  if (key === null) return false;
  try {
    if (scheme === 'ed25519') return cryptoVerify(null, message, key, signature);
    if (hasHighS(signature)) return false;
    return cryptoVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

// SubjectPublicKeyInfo DER headers: the raw key bytes follow them directly.
const ed25519Spki = hex('302a300506032b6570032100');
const secpCompressedSpki = hex('3036301006072a8648ce3d020106052b8104000a032200');
const secpUncompressedSpki = hex('3056301006072a8648ce3d020106052b8104000a034200');

/**
 * KeyObjects by scheme and key hex. A pure memo (the key bytes decide the entry), so it does not
 * make verification depend on history; cleared when full rather than grown without bound.
 */
const cache = new Map<string, KeyObject | null>();

function nativeKeyOf(scheme: 'ed25519' | 'secp256k1', publicKeyHex: string): KeyObject | null {
  const id = `${scheme}:${publicKeyHex}`;
  const hit = cache.get(id);
  if (hit !== undefined) return hit;
  const key = buildKey(scheme, publicKeyHex);
  if (cache.size >= nativeKeyCacheMax) cache.clear();
  cache.set(id, key);
  return key;
}

function buildKey(scheme: 'ed25519' | 'secp256k1', publicKeyHex: string): KeyObject | null {
  if (!/^(?:[0-9a-f]{2})+$/.test(publicKeyHex)) return null;
  const raw = Buffer.from(publicKeyHex, 'hex');
  try {
    if (scheme === 'ed25519') {
      if (raw.length !== 32) return null;
      // strict decoding (y < p, no negative zero) and not small order, as the reference demands
      if (ed25519.Point.fromBytes(raw, false).isSmallOrder()) return null;
      return createPublicKey({ key: Buffer.concat([ed25519Spki, raw]), format: 'der', type: 'spki' });
    }
    const header = raw.length === 33 ? secpCompressedSpki : raw.length === 65 ? secpUncompressedSpki : null;
    if (header === null) return null;
    if (secp256k1.Point.fromBytes(raw).is0()) return null;
    return createPublicKey({ key: Buffer.concat([header, raw]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/** s > n/2 in a 64-byte r‖s signature (big-endian), compared bytewise with ⌊n/2⌋. */
function hasHighS(signature: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) {
    const a = signature[32 + i] as number;
    const b = halfOrder[i] as number;
    if (a !== b) return a > b;
  }
  return false;
}

const halfOrder = hex('7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0');

function hex(s: string): Buffer {
  return Buffer.from(s, 'hex');
}
