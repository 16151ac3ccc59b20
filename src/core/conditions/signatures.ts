import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { StakemeshFailure } from '../../errors/result.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import { hexField, toHex } from './evidenceFields.js';
import { nativeVerify } from './nativeVerify.js';

/**
 * Signature schemes for evidence. ed25519: RFC 8032 over the canonical message bytes, strict
 * verification (no ZIP-215 leniency). secp256k1: ECDSA over sha256(message bytes), RFC 6979
 * nonces, 64-byte compact r‖s, low-S only (high-S twins are rejected). Verification never throws.
 */
export const schemes = ['ed25519', 'secp256k1'] as const;
export type Scheme = (typeof schemes)[number];

export const signatureBytes = 64;
export const secretKeyBytes = 32;

export function isScheme(s: unknown): s is Scheme {
  return s === 'ed25519' || s === 'secp256k1';
}

export function parseScheme(v: unknown, code: ErrorCode = 'UNKNOWN_SCHEME'): Scheme {
  if (!isScheme(v)) throw new StakemeshFailure(code, `scheme must be ed25519 or secp256k1, got ${JSON.stringify(v)?.slice(0, 40)}`);
  return v;
}

/**
 * Canonical public key hex (lower case): 32-byte ed25519 key, or a 33-byte compressed secp256k1
 * key (a 65-byte uncompressed key is accepted and compressed). Throws `code` if not a curve point.
 */
export function normalizePublicKey(scheme: Scheme, v: unknown, code: ErrorCode = 'BAD_PUBLIC_KEY'): string {
  const bytes = hexField(v, 'publicKey', { max: 65 }, code);
  try {
    if (scheme === 'ed25519') {
      if (bytes.length !== 32) throw new Error('length');
      const p = ed25519.Point.fromBytes(bytes);
      if (p.is0() || p.isSmallOrder()) throw new Error('small order');
      return toHex(p.toBytes());
    }
    if (bytes.length !== 33 && bytes.length !== 65) throw new Error('length');
    return toHex(secp256k1.Point.fromBytes(bytes).toBytes(true));
  } catch {
    throw new StakemeshFailure(code, `not a valid ${scheme} public key`);
  }
}

/**
 * True iff `signature` is a valid signature of `message` under `publicKeyHex`. Never throws.
 * node:crypto answers first (nativeVerify: its "yes" implies this reference's "yes"); only its
 * "no" is re-checked here, so verdicts are exactly the reference's and valid evidence is fast.
 */
export function verifySignature(scheme: Scheme, publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== signatureBytes) return false;
  if (nativeVerify(scheme, publicKeyHex, message, signature)) return true;
  return referenceVerify(scheme, publicKeyHex, message, signature);
}

/** The reference verifier (pure JS, @noble/curves): strict RFC 8032 ed25519, low-S ECDSA. */
export function referenceVerify(scheme: Scheme, publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== signatureBytes) return false;
  try {
    const pk = hexToBytesUnsafe(publicKeyHex);
    if (scheme === 'ed25519') return ed25519.verify(signature, message, pk, { zip215: false });
    return secp256k1.verify(signature, message, pk, { lowS: true });
  } catch {
    return false;
  }
}

/**
 * Checks a secret key for its scheme: 32 bytes; for secp256k1 also a scalar in [1, n − 1]
 * (0, n and anything above n are not keys: noble would throw deep inside signing).
 */
export function checkSecretKey(scheme: Scheme, secretKey: Uint8Array, what = 'secretKey'): Uint8Array {
  if (secretKey.length !== secretKeyBytes)
    throw new StakemeshFailure('BAD_SECRET_KEY', `${what} must be ${secretKeyBytes} bytes, got ${secretKey.length}`);
  if (scheme === 'secp256k1' && !secp256k1.utils.isValidSecretKey(secretKey))
    throw new StakemeshFailure('BAD_SECRET_KEY', `${what} is not a secp256k1 scalar in [1, n − 1] (0, n and values above n are refused)`);
  return secretKey;
}

/** Secret key from a hex field (a key file's `secretKey`, or `scheme:hex` on the command line), checked for its scheme. */
export function secretKeyField(scheme: Scheme, v: unknown, what = 'secretKey'): Uint8Array {
  return checkSecretKey(scheme, hexField(v, what, { exact: secretKeyBytes }, 'BAD_SECRET_KEY'), what);
}

export function publicKeyOf(scheme: Scheme, secretKey: Uint8Array): string {
  checkSecretKey(scheme, secretKey);
  return scheme === 'ed25519' ? toHex(ed25519.getPublicKey(secretKey)) : toHex(secp256k1.getPublicKey(secretKey, true));
}

/** Deterministic signature (both schemes are deterministic here: RFC 8032, RFC 6979). */
export function signMessage(scheme: Scheme, secretKey: Uint8Array, message: Uint8Array): Uint8Array {
  checkSecretKey(scheme, secretKey);
  return scheme === 'ed25519' ? ed25519.sign(message, secretKey) : secp256k1.sign(message, secretKey, { lowS: true });
}

/**
 * Secret key from a seed of any length: sha256("stakemesh/v1/keygen" ‖ u8 len(scheme) ‖ scheme ‖ seed),
 * re-hashed in the (negligible) case it is not a valid secp256k1 scalar.
 */
export function secretKeyFromSeed(scheme: Scheme, seed: Uint8Array): Uint8Array {
  const tag = new TextEncoder().encode(`stakemesh/v1/keygen`);
  const s = new TextEncoder().encode(scheme);
  let sk = sha256(new Uint8Array([tag.length, ...tag, s.length, ...s, ...seed]));
  while (scheme === 'secp256k1' && !secp256k1.utils.isValidSecretKey(sk)) sk = sha256(sk);
  return sk;
}

function hexToBytesUnsafe(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
