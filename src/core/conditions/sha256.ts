import * as nodeCrypto from 'node:crypto';

/** node:crypto's one-shot `hash` (Node ≥ 20.12; not in the @types/node 20 declarations), else createHash. */
type OneShotHash = (algorithm: string, data: Uint8Array, outputEncoding: 'hex' | 'buffer') => string | Buffer;
const oneShot = (nodeCrypto as unknown as { readonly hash?: OneShotHash }).hash;

/**
 * sha256 through OpenSSL for the verification hot path (the same digest as @noble/hashes, a few
 * times faster): evidence ids and the secp256k1 message hash given to libsecp256k1.
 */
export function sha256Hex(data: Uint8Array): string {
  if (oneShot) return oneShot('sha256', data, 'hex') as string;
  return nodeCrypto.createHash('sha256').update(data).digest('hex');
}

export function sha256Bytes(data: Uint8Array): Uint8Array {
  if (oneShot) return oneShot('sha256', data, 'buffer') as Buffer;
  return nodeCrypto.createHash('sha256').update(data).digest();
}
