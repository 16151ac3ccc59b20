import { ByteWriter } from './bytes.js';
import { hexField, toHex } from './evidenceFields.js';
import { publicKeyOf, signMessage, verifySignature, type Scheme } from './signatures.js';
import type { Signer } from './buildEvidence.js';

export const keyProofDomain = 'stakemesh/v1/keyProof';

/**
 * Proof of possession signed when registering or rotating a key:
 * domain ‖ operator (id) ‖ scheme (id) ‖ u32 len ‖ canonical public key bytes.
 * It stops an operator from registering (and so blocking) a key it does not hold.
 */
export function keyProofMessage(operator: string, scheme: Scheme, publicKeyHex: string): Uint8Array {
  return new ByteWriter()
    .domain(keyProofDomain)
    .id(operator)
    .id(scheme)
    .varBytes(hexField(publicKeyHex, 'publicKey', { max: 65 }))
    .finish();
}

export function checkKeyProof(operator: string, scheme: Scheme, publicKeyHex: string, proof: Uint8Array): boolean {
  return verifySignature(scheme, publicKeyHex, keyProofMessage(operator, scheme, publicKeyHex), proof);
}

/** Fields of a registerKey / rotateKey command for `operator` holding `signer`. */
export function proveKey(operator: string, signer: Signer): { scheme: Scheme; publicKey: string; proof: string } {
  const publicKey = publicKeyOf(signer.scheme, signer.secretKey);
  const proof = toHex(signMessage(signer.scheme, signer.secretKey, keyProofMessage(operator, signer.scheme, publicKey)));
  return { scheme: signer.scheme, publicKey, proof };
}
