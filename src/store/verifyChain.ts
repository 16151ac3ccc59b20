import { entryHash, genesisHash } from './entryHash.js';
import { jcs } from './jcs.js';
import { readLog } from './readLog.js';
import type { SqlRunner } from './sqlPort.js';

/** Entries read per page while verifying. */
const verifyPageSize = 2000;

export type ChainCheck =
  | { readonly ok: true; readonly seq: number; readonly hash: string; readonly block: number }
  | { readonly ok: false; readonly seq: number; readonly reason: string };

/**
 * Walks the whole log: seqs are 1, 2, 3, …, each prev_hash is the previous entry's hash and each
 * hash is SHA-256(prevHash ‖ JCS(envelope)). The first entry that fails is named.
 */
export async function verifyChain(db: SqlRunner): Promise<ChainCheck> {
  let prev = genesisHash;
  let seq = 0;
  let block = 0;
  for (;;) {
    const page = await readLog(db, seq, verifyPageSize);
    for (const e of page) {
      if (e.seq !== seq + 1) return { ok: false, seq: seq + 1, reason: `entry ${seq + 1} is missing (next stored seq is ${e.seq})` };
      if (e.prevHash !== prev) return { ok: false, seq: e.seq, reason: 'prev_hash does not match the previous entry' };
      const text = jcs(e.envelope);
      if (text === null || entryHash(prev, text) !== e.hash) return { ok: false, seq: e.seq, reason: 'hash does not match the envelope' };
      if (e.block < block) return { ok: false, seq: e.seq, reason: 'block goes backwards' };
      prev = e.hash;
      seq = e.seq;
      block = e.block;
    }
    if (page.length < verifyPageSize) return { ok: true, seq, hash: prev, block };
  }
}
