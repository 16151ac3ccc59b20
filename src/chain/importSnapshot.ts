import { StakemeshFailure } from '../errors/result.js';
import { ImportSession } from './importSession.js';
import type { NetworkConfig } from './networks.js';
import type { ImportManifest } from './output/manifest.js';
import { blockRef, readSnapshot } from './source/readSnapshot.js';

export interface SnapshotImportOptions {
  readonly files: readonly string[];
  readonly network: NetworkConfig;
  readonly out: string;
  readonly manifestPath: string;
  readonly fromBlock?: number;
  readonly toBlock?: number;
}

/** `import eigenlayer --snapshot`: the offline path, one checkpoint at the end. */
export function importSnapshot(o: SnapshotImportOptions): ImportManifest {
  const snap = readSnapshot(o.files);
  const first = snap.logs[0]?.block ?? 0;
  const last = snap.logs[snap.logs.length - 1]?.block ?? 0;
  const from = o.fromBlock ?? first;
  const to = o.toBlock ?? last;
  if (to < from) throw new StakemeshFailure('BAD_BLOCK_RANGE', `${from}..${to}`);
  const logs = snap.logs.filter((l) => l.block >= from && l.block <= to);
  const session = ImportSession.start(
    { network: o.network, out: o.out, manifestPath: o.manifestPath, source: { kind: 'snapshot', files: o.files } },
    from,
  );
  try {
    session.mapLogs(logs);
    const hashes = [...snap.blocks.keys()]
      .filter((b) => b >= from && b <= to)
      .sort((a, b) => a - b)
      .map((b) => blockRef(snap, b));
    return session.checkpoint(to, blockRef(snap, to), hashes);
  } finally {
    session.close();
  }
}
