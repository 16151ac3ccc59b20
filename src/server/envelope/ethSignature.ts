import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';

/** secp256k1 group order / 2: signatures with a larger s are malleable twins and refused. */
const halfOrder = secp256k1.Point.CURVE().n >> 1n;

/** The lower-case address of an uncompressed public key (65 bytes, 0x04 prefix). */
export function addressOfPublicKey(uncompressed: Uint8Array): string {
  return `0x${Buffer.from(keccak_256(uncompressed.subarray(1))).subarray(12).toString('hex')}`;
}

/**
 * The address that signed `digest` with an Ethereum signature r ‖ s ‖ v, or null when the
 * signature is malformed, has a high s, or recovers no key. Only v = 27/28 (what wallets and
 * viem produce): accepting 0/1 too would give every signature a second spelling.
 */
export function recoverEthAddress(digest: Uint8Array, signatureHex: string): string | null {
  const bytes = Buffer.from(signatureHex.slice(2), 'hex');
  if (bytes.length !== 65) return null;
  const v = bytes[64] ?? 255;
  const recovery = v - 27;
  if (recovery !== 0 && recovery !== 1) return null;
  try {
    const sig = secp256k1.Signature.fromBytes(bytes.subarray(0, 64), 'compact');
    if (sig.s > halfOrder || sig.r === 0n || sig.s === 0n) return null;
    return addressOfPublicKey(sig.addRecoveryBit(recovery).recoverPublicKey(digest).toBytes(false));
  } catch {
    return null;
  }
}

/** Signs a 32-byte digest; low s (RFC 6979 deterministic); returns 0x r ‖ s ‖ v with v = 27 + recovery. */
export function signEthDigest(secretKey: Uint8Array, digest: Uint8Array): string {
  const rec = secp256k1.sign(digest, secretKey, { prehash: false, lowS: true, format: 'recovered' });
  const out = Buffer.alloc(65);
  out.set(rec.subarray(1, 65), 0);
  out[64] = 27 + (rec[0] ?? 0);
  return `0x${out.toString('hex')}`;
}

export function ethAddressOfSecretKey(secretKey: Uint8Array): string {
  return addressOfPublicKey(secp256k1.getPublicKey(secretKey, false));
}
