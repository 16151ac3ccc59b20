import { createHash } from 'node:crypto';

/** prevHash of the first log entry: 32 zero bytes, as 64 hex characters. */
export const genesisHash = '0'.repeat(64);

/**
 * The log's hash chain (SPEC §9): SHA-256 over the 32 raw bytes of the previous entry's hash
 * followed by the UTF-8 bytes of the envelope's JCS text. Hex, lower case.
 */
export function entryHash(prevHash: string, envelopeJcs: string): string {
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(envelopeJcs, 'utf8').digest('hex');
}
