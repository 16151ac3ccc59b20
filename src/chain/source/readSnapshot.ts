import { readFileSync, statSync } from 'node:fs';
import { StakemeshFailure } from '../../errors/result.js';
import { compareLogs, type ChainLog } from '../chainLog.js';
import type { BlockRef } from '../output/manifest.js';
import { toChainLog } from './toChainLog.js';

/** A snapshot file larger than this is refused (bounded memory, SPEC §8). */
export const snapshotBytesMax = 2 * 1024 ** 3;

export interface Snapshot {
  readonly logs: ChainLog[];
  /** Block hashes the snapshot carries (its `blocks` list, or the raw logs' blockHash). */
  readonly blocks: Map<number, string>;
}

function parseFile(path: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new StakemeshFailure('PARSE_ERROR', `${path}: ${(e as Error).message}`);
  }
  if (size > snapshotBytesMax) throw new StakemeshFailure('TOO_LARGE', `${path} is over ${snapshotBytesMax} bytes`);
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch {
    // JSON Lines: one log per line.
    try {
      return text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as unknown);
    } catch (e) {
      throw new StakemeshFailure('PARSE_ERROR', `${path}: ${(e as Error).message}`);
    }
  }
}

function blocksOf(doc: unknown, into: Map<number, string>): void {
  const blocks = (doc as { blocks?: unknown } | null)?.blocks;
  if (!Array.isArray(blocks)) return;
  for (const b of blocks as { number?: unknown; hash?: unknown }[]) {
    if (typeof b.number === 'number' && typeof b.hash === 'string') into.set(b.number, b.hash.toLowerCase());
  }
}

/**
 * Reads one or more snapshot files — the decoded format of ../shared/data/eigenlayer/README.md
 * (`{ logs, blocks }`, or a bare list), or raw logs as eth_getLogs returns them — into one list
 * in chain order. A log present in two files (same block, transaction and log index) is kept once.
 */
export function readSnapshot(paths: readonly string[]): Snapshot {
  const byPosition = new Map<string, ChainLog>();
  const blocks = new Map<number, string>();
  for (const path of paths) {
    const doc = parseFile(path);
    const entries = Array.isArray(doc) ? doc : (doc as { logs?: unknown } | null)?.logs;
    if (!Array.isArray(entries)) throw new StakemeshFailure('BAD_LOG', `${path}: a list of logs, or { "logs": [...] }, expected`);
    blocksOf(doc, blocks);
    entries.forEach((entry, i) => {
      const log = toChainLog(entry, `${path} log ${i}`);
      const key = `${log.block}:${log.transactionIndex}:${log.logIndex}`;
      if (!byPosition.has(key)) byPosition.set(key, log);
      if (log.blockHash !== null) blocks.set(log.block, log.blockHash);
    });
  }
  return { logs: [...byPosition.values()].sort(compareLogs), blocks };
}

/** The hash of `block` if the snapshot has it. */
export function blockRef(s: Snapshot, block: number): BlockRef {
  return { block, hash: s.blocks.get(block) ?? null };
}
