import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { applyInPlace } from '../core/apply.js';
import { createState } from '../core/state/state.js';
import { stateHash } from '../core/state/stateHash.js';
import { StakemeshFailure } from '../errors/result.js';
import type { ChainLog } from './chainLog.js';
import { createMapContext, emit, type MapContext } from './map/mapContext.js';
import { mapLogs } from './map/mapLogs.js';
import type { NetworkConfig } from './networks.js';
import { CommandLogWriter } from './output/commandLogWriter.js';
import { blockHashesKept, manifestFormat, reportsMax, writeManifest, type BlockRef, type ImportManifest } from './output/manifest.js';

export interface SessionOptions {
  readonly network: NetworkConfig;
  readonly out: string;
  readonly manifestPath: string;
  readonly source: ImportManifest['source'];
}

/**
 * One import: the ledger being built, the command log being written and the manifest that
 * vouches for the log after each checkpoint. Started fresh (the log begins with `configure`) or
 * resumed from a manifest (the log is replayed to rebuild the ledger).
 */
export class ImportSession {
  readonly ctx: MapContext;
  private readonly writer: CommandLogWriter;
  private readonly options: SessionOptions;
  fromBlock: number;
  toBlock: number;
  head: BlockRef = { block: -1, hash: null };
  blockHashes: BlockRef[] = [];

  private constructor(options: SessionOptions, writer: CommandLogWriter, ctx: MapContext, fromBlock: number, toBlock: number) {
    this.options = options;
    this.writer = writer;
    this.ctx = ctx;
    this.fromBlock = fromBlock;
    this.toBlock = toBlock;
  }

  static start(options: SessionOptions, fromBlock: number): ImportSession {
    const writer = CommandLogWriter.create(options.out);
    const ctx = createMapContext((cmd) => writer.write(cmd));
    const n = options.network;
    emit(ctx, {
      type: 'configure',
      withdrawalDelayBlocks: n.withdrawalDelayBlocks,
      deallocationDelayBlocks: n.deallocationDelayBlocks,
      allocationConfigurationDelayBlocks: n.allocationConfigurationDelayBlocks,
    });
    return new ImportSession(options, writer, ctx, fromBlock, fromBlock - 1);
  }

  static resume(options: SessionOptions, m: ImportManifest): ImportSession {
    if (m.network !== options.network.name) throw new StakemeshFailure('MANIFEST_MISMATCH', `manifest is for ${m.network}`);
    const writer = CommandLogWriter.resume(options.out, m.log);
    const state = createState();
    const lines = readFileSync(options.out, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    lines.forEach((line, i) => {
      const out = applyInPlace(state, JSON.parse(line));
      if (!out.ok) throw new StakemeshFailure('MANIFEST_MISMATCH', `line ${i + 1} of ${options.out} fails: ${out.error.message}`);
    });
    const ctx = createMapContext((cmd) => writer.write(cmd), state);
    restoreCounts(ctx, m);
    const s = new ImportSession(options, writer, ctx, m.fromBlock, m.toBlock);
    s.head = m.head;
    s.blockHashes = [...m.blockHashes];
    return s;
  }

  /** Maps logs sorted in chain order, one transaction at a time. */
  mapLogs(logs: readonly ChainLog[]): void {
    mapLogs(this.ctx, logs);
  }

  /** Everything up to `toBlock` is imported: sync the log, then write the manifest for it. */
  checkpoint(toBlock: number, head: BlockRef, hashes: readonly BlockRef[]): ImportManifest {
    this.toBlock = toBlock;
    this.head = head;
    this.blockHashes = [...this.blockHashes, ...hashes].slice(-blockHashesKept);
    this.writer.flush();
    const m = this.manifest();
    writeManifest(this.options.manifestPath, m);
    return m;
  }

  close(): void {
    this.writer.close();
  }

  manifest(): ImportManifest {
    const c = this.ctx;
    const n = this.options.network;
    return {
      format: manifestFormat,
      network: n.name,
      chainId: n.chainId,
      source: this.options.source,
      contracts: n.contracts,
      fromBlock: this.fromBlock,
      toBlock: this.toBlock,
      head: this.head,
      blockHashes: this.blockHashes,
      log: { path: basename(this.options.out), lines: this.writer.lines, bytes: this.writer.bytes, sha256: this.writer.sha256() },
      events: [...c.eventCounts.values()].reduce((a, b) => a + b, 0),
      eventCounts: Object.fromEntries(c.eventCounts),
      outcomes: Object.fromEntries(c.outcomeCounts),
      implied: Object.fromEntries(c.implied),
      unexpressible: c.unexpressible.slice(0, reportsMax),
      unexpressibleCount: c.unexpressible.length,
      mismatches: c.mismatches.slice(0, reportsMax),
      mismatchCount: c.mismatches.length,
      lazilyClearedMatches: c.lazyMatches,
      lazilyFreed: Object.fromEntries([...c.lazilyFreed].map(([k, v]) => [k, v.toString()])),
      withdrawalRoots: Object.fromEntries(c.withdrawalRoots),
      stateHash: stateHash(c.state),
    };
  }
}

function restoreCounts(ctx: MapContext, m: ImportManifest): void {
  for (const [k, v] of Object.entries(m.eventCounts)) ctx.eventCounts.set(k, v);
  for (const [k, v] of Object.entries(m.outcomes)) ctx.outcomeCounts.set(k as never, v);
  for (const [k, v] of Object.entries(m.implied)) ctx.implied.set(k, v);
  for (const [k, v] of Object.entries(m.withdrawalRoots)) ctx.withdrawalRoots.set(k, [...v]);
  ctx.unexpressible.push(...m.unexpressible);
  ctx.mismatches.push(...m.mismatches);
  ctx.commands = m.log.lines;
  ctx.lazyMatches = m.lazilyClearedMatches;
  for (const [k, v] of Object.entries(m.lazilyFreed)) ctx.lazilyFreed.set(k, BigInt(v));
}
