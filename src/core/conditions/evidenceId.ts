import { sha256 } from '@noble/hashes/sha2.js';
import { ByteWriter } from './bytes.js';
import { toHex } from './evidenceFields.js';

export const evidenceIdDomain = 'stakemesh/v1/evidenceId';

/**
 * Canonical evidence id: sha256(domain ‖ kind ‖ u32 len ‖ offence), hex. `offence` is the
 * canonical encoding of *what was proven* (e.g. the (set, operator, height, round) slot of a
 * double sign), not of the bytes submitted: re-encodings, re-orderings and extra conflicting
 * messages of the same offence map to the same id. Kinds are namespaced, so a custom kind
 * cannot collide with a built-in one.
 */
export function evidenceId(kind: string, offence: Uint8Array): string {
  return toHex(sha256(new ByteWriter().domain(evidenceIdDomain).id(kind).varBytes(offence).finish()));
}
