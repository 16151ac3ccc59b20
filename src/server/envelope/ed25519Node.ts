import { ed25519 } from '@noble/curves/ed25519.js';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** DER prefixes wrapping a raw 32-byte ed25519 key as SPKI (public) and PKCS#8 (secret). */
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
/** Public keys kept parsed (node:crypto KeyObjects), oldest dropped first. */
const keyCacheMax = 10_000;
const keyCache = new Map<string, KeyObject | null>();

function publicKeyObject(publicKeyHex: string): KeyObject | null {
  let key = keyCache.get(publicKeyHex);
  if (key !== undefined) return key;
  try {
    key = acceptablePoint(publicKeyHex)
      ? createPublicKey({ key: Buffer.concat([spkiPrefix, Buffer.from(publicKeyHex, 'hex')]), format: 'der', type: 'spki' })
      : null;
  } catch {
    key = null;
  }
  if (keyCache.size >= keyCacheMax) keyCache.delete(keyCache.keys().next().value as string);
  keyCache.set(publicKeyHex, key);
  return key;
}

/**
 * OpenSSL verifies against any encoded point, and a small-order key (e.g. all zeros) accepts
 * forged signatures made of small-order points: such an "account" could be signed for by
 * anyone. Keys must be canonical prime-order points (checked once per key with noble).
 */
function acceptablePoint(publicKeyHex: string): boolean {
  try {
    const p = ed25519.Point.fromHex(publicKeyHex);
    return !p.isSmallOrder() && p.isTorsionFree() && p.toHex() === publicKeyHex;
  } catch {
    return false;
  }
}

/** ed25519 verification with node:crypto (OpenSSL), several times faster than pure JS. */
export function verifyEd25519(publicKeyHex: string, message: Uint8Array, signatureHex: string): boolean {
  const key = publicKeyObject(publicKeyHex);
  if (key === null) return false;
  try {
    return verify(null, message, key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

/** Parsed secret keys by their byte array (parsing costs far more than signing); freed with it. */
const secretKeys = new WeakMap<Uint8Array, KeyObject>();

export function signEd25519(secretKey: Uint8Array, message: Uint8Array): string {
  let key = secretKeys.get(secretKey);
  if (!key) {
    key = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, secretKey]), format: 'der', type: 'pkcs8' });
    secretKeys.set(secretKey, key);
  }
  return sign(null, message, key).toString('hex');
}

export function ed25519PublicKeyHex(secretKey: Uint8Array): string {
  const key = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, secretKey]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return spki.subarray(spkiPrefix.length).toString('hex');
}
