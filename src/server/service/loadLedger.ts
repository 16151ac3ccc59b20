import { createState, type LedgerState } from '../../core/state/state.js';
import { stateHash } from '../../core/state/stateHash.js';
import { StakemeshFailure } from '../../errors/result.js';
import { deserializeState } from '../../store/deserializeState.js';
import { readCreations, readLog, readNonces } from '../../store/readLog.js';
import { readSnapshot } from '../../store/snapshots.js';
import type { SqlRunner } from '../../store/sqlPort.js';
import { verifyChain } from '../../store/verifyChain.js';
import type { LedgerMemory } from './ledgerMemory.js';
import { createOwners, ownedCreations, recordOwner } from './owners.js';
import { replayEntry } from './replayEntry.js';

/** Entries read per page while replaying. */
const replayPageSize = 2000;

/**
 * Start-up (SPEC §9): verifies the whole hash chain, loads the newest snapshot and checks its
 * state hash, replays the rest. Throws LOG_CORRUPT naming the first bad seq.
 */
export async function loadLedger(db: SqlRunner): Promise<LedgerMemory> {
  const chain = await verifyChain(db);
  if (!chain.ok) throw new StakemeshFailure('LOG_CORRUPT', `seq ${chain.seq}: ${chain.reason}`);
  const snap = await readSnapshot(db, chain.seq);
  const state = await stateFromSnapshot(db, snap === null ? null : snap.seq);
  const failure = await replayRange(db, state, snap?.seq ?? 0, chain.seq);
  if (failure) throw new StakemeshFailure('LOG_CORRUPT', failure);
  const owners = createOwners();
  for (const c of await readCreations(db, Object.keys(ownedCreations))) recordOwner(owners, c.account, c.command);
  return { state, owners, nonces: await readNonces(db), seq: chain.seq, hash: chain.hash };
}

/** The state of the snapshot at exactly `seq` (genesis when null), its stored hash checked. */
export async function stateFromSnapshot(db: SqlRunner, seq: number | null): Promise<LedgerState> {
  if (seq === null) return createState();
  const snap = await readSnapshot(db, seq);
  if (!snap || snap.seq !== seq) throw new StakemeshFailure('LOG_CORRUPT', `snapshot at seq ${seq} is missing`);
  let state: LedgerState;
  try {
    state = deserializeState(snap.state);
  } catch {
    throw new StakemeshFailure('LOG_CORRUPT', `snapshot at seq ${seq} does not decode`);
  }
  if (stateHash(state) !== snap.stateHash || state.block !== snap.block) {
    throw new StakemeshFailure('LOG_CORRUPT', `snapshot at seq ${seq}: its state hash differs from the stored one`);
  }
  return state;
}

/** Replays entries after..upTo onto `state`; the first failure names its seq. */
export async function replayRange(db: SqlRunner, state: LedgerState, after: number, upTo: number): Promise<string | null> {
  let seq = after;
  while (seq < upTo) {
    const page = await readLog(db, seq, Math.min(replayPageSize, upTo - seq));
    if (page.length === 0) return `seq ${seq + 1}: missing`;
    for (const e of page) {
      const why = replayEntry(state, e, null);
      if (why) return `seq ${e.seq}: ${why}`;
      seq = e.seq;
    }
  }
  return null;
}
