import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { StakemeshFailure } from '../../errors/result.js';
import type { EventReport, Mismatch } from '../map/mapContext.js';

export const manifestFormat = 'stakemesh-eigenlayer-import/1';
/** Reports listed one by one; past this only their count grows (a bound, SPEC §8). */
export const reportsMax = 100_000;
/** Recent block hashes kept for reorg checks. */
export const blockHashesKept = 256;

export interface BlockRef {
  readonly block: number;
  readonly hash: string | null;
}

/** What an import read, what it wrote and what it could not express (SPEC §11). */
export interface ImportManifest {
  readonly format: typeof manifestFormat;
  readonly network: string;
  readonly chainId: number;
  readonly source:
    { readonly kind: 'snapshot'; readonly files: readonly string[] } | { readonly kind: 'rpc'; readonly confirmations: number };
  readonly contracts: Readonly<Record<string, string>>;
  readonly fromBlock: number;
  /** Last block fully imported; a resumed import goes on from the next one. */
  readonly toBlock: number;
  readonly head: BlockRef;
  readonly blockHashes: readonly BlockRef[];
  readonly log: { readonly path: string; readonly lines: number; readonly bytes: number; readonly sha256: string };
  readonly events: number;
  readonly eventCounts: Readonly<Record<string, number>>;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly implied: Readonly<Record<string, number>>;
  readonly unexpressible: readonly EventReport[];
  readonly unexpressibleCount: number;
  readonly mismatches: readonly Mismatch[];
  readonly mismatchCount: number;
  /** EncumberedMagnitudeUpdated values that equal the ledger's plus deallocations EigenLayer clears lazily. */
  readonly lazilyClearedMatches: number;
  /** `operator|strategy` → deallocated magnitude EigenLayer has not cleared yet (kept for a resume). */
  readonly lazilyFreed: Readonly<Record<string, string>>;
  readonly withdrawalRoots: Readonly<Record<string, readonly string[]>>;
  readonly stateHash: string;
}

/** Written to a temporary file and renamed: a crash leaves the previous manifest whole. */
export function writeManifest(path: string, m: ImportManifest): void {
  try {
    writeFileSync(`${path}.tmp`, `${JSON.stringify(m, null, 2)}\n`);
    renameSync(`${path}.tmp`, path);
  } catch (e) {
    throw new StakemeshFailure('WRITE_FAILED', `${path}: ${(e as Error).message}`);
  }
}

export function readManifest(path: string): ImportManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new StakemeshFailure('MANIFEST_MISMATCH', `${path}: ${(e as Error).message}`);
  }
  const m = raw as Partial<ImportManifest> | null;
  if (m?.format !== manifestFormat || typeof m.toBlock !== 'number' || typeof m.log?.sha256 !== 'string') {
    throw new StakemeshFailure('MANIFEST_MISMATCH', `${path} is not a ${manifestFormat} manifest`);
  }
  return m as ImportManifest;
}
