import { ByteWriter } from './bytes.js';
import { sha256Hex } from './sha256.js';

export const evidenceIdDomain = 'stakemesh/v1/evidenceId';

/**
 * Canonical evidence id: sha256(domain ‖ kind ‖ u32 len ‖ offence), hex. `offence` is the
 * canonical encoding of *what was proven* (e.g. the (set, operator, height, round) slot of a
 * double sign), not of the bytes submitted: re-encodings, re-orderings and extra conflicting
 * messages of the same offence map to the same id. Kinds are namespaced, so a custom kind
 * cannot collide with a built-in one. (sha256.ts: OpenSSL's sha256.)
 */
export function evidenceId(kind: string, offence: Uint8Array): string {
  return sha256Hex(new ByteWriter().domain(evidenceIdDomain).id(kind).varBytes(offence).finish());
}
