import type { MessageCodec } from './encoding.js';
import { toHex } from './evidenceFields.js';
import { publicKeyOf, signMessage, type Scheme } from './signatures.js';

/** A signer for evidence tooling (CLI, tests, demos): scheme and 32-byte secret key. */
export interface Signer {
  readonly scheme: Scheme;
  readonly secretKey: Uint8Array;
}

export type EvidenceJson = Record<string, unknown>;

/**
 * `{ ...fields, signature }` for a message signed by one key; with `encoded`, the canonical
 * message hex replaces the fields (`{ message, signature }`). Both forms verify the same.
 */
export function signPiece<T>(codec: MessageCodec<T>, message: T, signer: Signer, encoded = false): EvidenceJson {
  const bytes = codec.encode(message);
  const signature = toHex(signMessage(signer.scheme, signer.secretKey, bytes));
  return encoded ? { message: toHex(bytes), signature } : { ...codec.toFields(message), signature };
}

/** `{ ...fields, signatures: [{ publicKey, signature }] }` for a quorum-signed message. */
export function quorumSignPiece<T>(codec: MessageCodec<T>, message: T, signers: readonly Signer[], encoded = false): EvidenceJson {
  const bytes = codec.encode(message);
  const signatures = signers.map((s) => ({
    publicKey: publicKeyOf(s.scheme, s.secretKey),
    signature: toHex(signMessage(s.scheme, s.secretKey, bytes)),
  }));
  return encoded ? { message: toHex(bytes), signatures } : { ...codec.toFields(message), signatures };
}
