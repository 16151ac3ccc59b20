import { entryHash } from '../../store/entryHash.js';
import type { LogEntry } from '../service/serviceApi.js';
import { parseEnvelope } from './parseEnvelope.js';
import { verifyEnvelope } from './verifyEnvelope.js';

export type LogCheck =
  | { readonly ok: true; readonly seq: number; readonly hash: string }
  | { readonly ok: false; readonly seq: number; readonly reason: string };

/**
 * Checks downloaded log entries as a third party would (`stakemesh export`): consecutive seqs,
 * each prevHash the previous hash, each hash SHA-256(prevHash ‖ JCS(envelope)), each signature
 * valid for its account and `chainId`. Start from `from` (seq 0 and 64 zeros for genesis) and
 * feed pages in order, passing the returned seq and hash on.
 */
export function verifyLogEntries(entries: readonly LogEntry[], chainId: number, from: { seq: number; hash: string }): LogCheck {
  let { seq, hash } = from;
  for (const e of entries) {
    if (e.seq !== seq + 1) return { ok: false, seq: seq + 1, reason: `expected seq ${seq + 1}, got ${e.seq}` };
    if (e.prevHash !== hash) return { ok: false, seq: e.seq, reason: 'prevHash does not match the previous entry' };
    const p = parseEnvelope(e.envelope);
    if (!p.ok) return { ok: false, seq: e.seq, reason: `malformed envelope: ${p.message}` };
    if (entryHash(hash, p.value.jcs) !== e.hash) return { ok: false, seq: e.seq, reason: 'hash does not match the envelope' };
    if (!verifyEnvelope(p.value, chainId)) return { ok: false, seq: e.seq, reason: 'signature does not verify' };
    seq = e.seq;
    hash = e.hash;
  }
  return { ok: true, seq, hash };
}
