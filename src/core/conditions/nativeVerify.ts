import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { nativeKeyCacheMax } from './conditionBounds.js';
import { nativeAddons } from './nativeAddons.js';
import { sha256Bytes } from './sha256.js';

/**
 * Fast paths of signature verification: native libraries (nativeAddons.ts: libsodium for
 * ed25519, libsecp256k1 for secp256k1) where their prebuilt binaries load, node:crypto (OpenSSL)
 * otherwise; 20–300× faster than pure JS. A fast path only ever answers "valid" when the
 * reference verifier (@noble/curves, strict RFC 8032 / low-S ECDSA; see signatures.ts) answers
 * "valid" too:
 * - ed25519: OpenSSL and libsodium both check the cofactorless equation [S]B = R + [k]A and
 *   compare R's encoding, so a "yes" implies the cofactored equation noble checks, a canonical R
 *   and S < L (libsodium also refuses non-canonical and small-order keys and R). Keys that noble
 *   refuses (non-canonical encoding, small order) never get a native key.
 * - secp256k1: the same ECDSA equation over sha256(message) (libsecp256k1 reduces the hash mod n
 *   as noble does). OpenSSL accepts high-S twins, libsecp256k1 does not; high-S is refused here
 *   before either is asked.
 * A "no" from here is not final: the caller asks the reference verifier, so verdicts are the
 * reference's on every input (test/core/conditions/nativeVerify.test.ts checks every backend).
 */
export function nativeVerify(scheme: 'ed25519' | 'secp256k1', publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean {
  const key = nativeKeyOf(scheme, publicKeyHex);
  if (key === null) return false;
  const addons = nativeAddons();
  const backend = (scheme === 'ed25519' ? addons.sodium : addons.secp256k1) !== null ? 'addon' : 'openssl';
  return verifyWith(backend, scheme, key, message, signature);
}

export type NativeBackend = 'addon' | 'openssl';

/**
 * One named backend (for the differential test): null when that backend is not available here
 * ('addon' without its prebuilt binary) or the key is one no backend is given.
 */
export function nativeVerifyWith(
  backend: NativeBackend,
  scheme: 'ed25519' | 'secp256k1',
  publicKeyHex: string,
  message: Uint8Array,
  signature: Uint8Array,
): boolean | null {
  const addons = nativeAddons();
  if (backend === 'addon' && (scheme === 'ed25519' ? addons.sodium : addons.secp256k1) === null) return null;
  const key = nativeKeyOf(scheme, publicKeyHex);
  if (key === null) return null;
  return verifyWith(backend, scheme, key, message, signature);
}

/** A key checked once by the reference's rules, in the forms the backends take. */
interface NativeKey {
  /** ed25519: the 32 key bytes; secp256k1: the 65-byte uncompressed point (libsecp256k1 parses it without a square root). */
  readonly raw: Uint8Array;
  /** OpenSSL's form, built on first use. */
  keyObject: KeyObject | undefined;
  readonly spki: Buffer;
}

function verifyWith(
  backend: NativeBackend,
  scheme: 'ed25519' | 'secp256k1',
  key: NativeKey,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== 64) return false;
  try {
    if (scheme === 'ed25519') {
      const sodium = nativeAddons().sodium;
      if (backend === 'addon' && sodium !== null) return sodium.crypto_sign_verify_detached(offHeap(signature), message, key.raw);
      return cryptoVerify(null, message, keyObjectOf(key), signature);
    }
    if (hasHighS(signature)) return false;
    const lib = nativeAddons().secp256k1;
    if (backend === 'addon' && lib !== null) return lib.ecdsaVerify(offHeap(signature), sha256Bytes(message), key.raw);
    return cryptoVerify('sha256', message, { key: keyObjectOf(key), dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

/**
 * The 64 signature bytes in one reused buffer that already lives outside V8's heap. A fresh
 * 64-byte array lives on the heap, and handing it to an addon makes V8 move it out (an
 * allocation and a backing store for the collector to sweep) on every call. The addons read it
 * synchronously, so one buffer serves every call.
 */
function offHeap(signature: Uint8Array): Uint8Array {
  sigScratch.set(signature);
  return sigScratch;
}

const sigScratch = new Uint8Array(new ArrayBuffer(64));

function keyObjectOf(key: NativeKey): KeyObject {
  key.keyObject ??= createPublicKey({ key: key.spki, format: 'der', type: 'spki' });
  return key.keyObject;
}

// SubjectPublicKeyInfo DER headers: the raw key bytes follow them directly.
const ed25519Spki = hex('302a300506032b6570032100');
const secpUncompressedSpki = hex('3056301006072a8648ce3d020106052b8104000a034200');

/**
 * Checked keys by scheme, then key hex (the hex strings come from ledger state, so the lookup
 * reuses their cached hash; no key string is built per call). A pure memo (the key bytes decide
 * the entry), so it does not make verification depend on history; cleared when full rather than
 * grown without bound.
 */
const cache = { ed25519: new Map<string, NativeKey | null>(), secp256k1: new Map<string, NativeKey | null>() };

function nativeKeyOf(scheme: 'ed25519' | 'secp256k1', publicKeyHex: string): NativeKey | null {
  const byKey = cache[scheme];
  const hit = byKey.get(publicKeyHex);
  if (hit !== undefined) return hit;
  const key = buildKey(scheme, publicKeyHex);
  if (byKey.size >= nativeKeyCacheMax) byKey.clear();
  byKey.set(publicKeyHex, key);
  return key;
}

function buildKey(scheme: 'ed25519' | 'secp256k1', publicKeyHex: string): NativeKey | null {
  if (!/^(?:[0-9a-f]{2})+$/.test(publicKeyHex)) return null;
  const raw = Buffer.from(publicKeyHex, 'hex');
  try {
    if (scheme === 'ed25519') {
      if (raw.length !== 32) return null;
      // strict decoding (y < p, no negative zero) and not small order, as the reference demands
      if (ed25519.Point.fromBytes(raw, false).isSmallOrder()) return null;
      return { raw: Uint8Array.from(raw), spki: Buffer.concat([ed25519Spki, raw]), keyObject: undefined };
    }
    if (raw.length !== 33 && raw.length !== 65) return null;
    const point = secp256k1.Point.fromBytes(raw);
    if (point.is0()) return null;
    const full = point.toBytes(false);
    return { raw: full, spki: Buffer.concat([secpUncompressedSpki, full]), keyObject: undefined };
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
