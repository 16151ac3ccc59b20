import { entryHash } from '../../store/entryHash.js';
import { jcs } from '../../store/jcs.js';
import { readLog } from '../../store/readLog.js';
import { commitChannel, type SqlPort } from '../../store/sqlPort.js';
import type { StoredEntry } from '../../store/storedEntry.js';
import type { CommittedHead, LedgerMemory } from './ledgerMemory.js';
import { replayEntry } from './replayEntry.js';

/** Entries fetched per read while tailing. */
const followPageSize = 1000;
/** Poll period (ms) besides LISTEN/NOTIFY, so a lost notification delays a follower by at most this. */
export const followPollMs = 1000;

export interface Follower {
  catchUp(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Read-only replica: on every NOTIFY of a commit (and on a slow poll) reads the new entries,
 * checks they extend the chain it holds, and applies them. A broken link stops the tail and is
 * reported through `onError` (the replica keeps serving what it verified).
 */
export async function followLog(
  port: SqlPort,
  mem: LedgerMemory,
  committed: CommittedHead,
  onCommitted: (entries: readonly StoredEntry[]) => void,
  onError: (message: string) => void,
): Promise<Follower> {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const pass = async (): Promise<void> => {
    do {
      again = false;
      for (;;) {
        const page = await readLog(port, mem.seq, followPageSize);
        if (page.length === 0 || stopped) break;
        const bad = applyPage(mem, page);
        if (bad) {
          stopped = true;
          onError(bad);
          return;
        }
        const last = page[page.length - 1] as StoredEntry;
        Object.assign(committed, { seq: last.seq, block: last.block, hash: last.hash });
        onCommitted(page);
      }
    } while (again && !stopped);
  };
  const catchUp = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = pass()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
    return running;
  };
  const unlisten = await port.listen(commitChannel, () => void catchUp());
  const timer = setInterval(() => void catchUp(), followPollMs);
  timer.unref();
  return {
    catchUp,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unlisten();
      await running;
    },
  };
}

function applyPage(mem: LedgerMemory, page: readonly StoredEntry[]): string | null {
  for (const e of page) {
    if (e.seq !== mem.seq + 1 || e.prevHash !== mem.hash) return `LOG_CORRUPT: seq ${e.seq} does not extend the chain at seq ${mem.seq}`;
    const text = jcs(e.envelope);
    if (text === null || entryHash(mem.hash, text) !== e.hash) return `LOG_CORRUPT: seq ${e.seq}: hash does not match the envelope`;
    const why = replayEntry(mem.state, e, mem.owners);
    if (why) return `LOG_CORRUPT: seq ${e.seq}: ${why}`;
    mem.nonces.set(e.envelope.account, BigInt(e.envelope.nonce));
    mem.seq = e.seq;
    mem.hash = e.hash;
  }
  return null;
}
