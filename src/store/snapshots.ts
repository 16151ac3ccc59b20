import { intOf, textOf, type SqlRunner } from './sqlPort.js';

export interface StoredSnapshot {
  readonly seq: number;
  readonly block: number;
  readonly stateHash: string;
  /** serializeState text. */
  readonly state: string;
}

export async function writeSnapshot(tx: SqlRunner, s: StoredSnapshot): Promise<void> {
  await tx.query('INSERT INTO snapshots (seq, block, state_hash, state) VALUES ($1, $2, $3, $4) ON CONFLICT (seq) DO NOTHING', [
    s.seq,
    s.block,
    s.stateHash,
    s.state,
  ]);
}

/** The newest snapshot at or before `seq` (any when seq is null), or null. */
export async function readSnapshot(db: SqlRunner, seq: number | null): Promise<StoredSnapshot | null> {
  const rows =
    seq === null
      ? await db.query('SELECT seq, block, state_hash, state FROM snapshots ORDER BY seq DESC LIMIT 1')
      : await db.query('SELECT seq, block, state_hash, state FROM snapshots WHERE seq <= $1 ORDER BY seq DESC LIMIT 1', [seq]);
  const r = rows[0];
  if (!r) return null;
  return { seq: intOf(r['seq']), block: intOf(r['block']), stateHash: textOf(r['state_hash']), state: textOf(r['state']) };
}
