import { createPublicClient, http, type PublicClient } from 'viem';
import { StakemeshFailure } from '../errors/result.js';
import { ImportSession } from './importSession.js';
import type { NetworkConfig } from './networks.js';
import { readManifest, type BlockRef, type ImportManifest } from './output/manifest.js';
import { fetchWindow } from './source/fetchWindow.js';
import { defaultRetryPolicy, withRetry, type RetryPolicy } from './source/retry.js';

export interface RpcImportOptions {
  readonly url: string;
  readonly network: NetworkConfig;
  readonly out: string;
  readonly manifestPath: string;
  readonly fromBlock?: number;
  /** Last block wanted; never beyond head − confirmations. */
  readonly toBlock?: number;
  /** Blocks below the head that count as final; newer ones are left for a later run. */
  readonly confirmations: number;
  readonly windowBlocks: number;
  /** Go on from the manifest (and its log) instead of starting over. */
  readonly resume: boolean;
  readonly policy?: RetryPolicy;
  readonly onWindow?: (w: { from: number; to: number; logs: number }) => void;
}

export const confirmationsDefault = 12;
export const windowBlocksDefault = 10_000;
export const windowBlocksMax = 1_000_000;

async function blockAt(client: PublicClient, policy: RetryPolicy, block: number): Promise<BlockRef & { parentHash: string }> {
  const b = await withRetry(policy, `eth_getBlockByNumber ${block}`, () => client.getBlock({ blockNumber: BigInt(block) }));
  if (b.hash === null) throw new StakemeshFailure('BAD_BLOCK_RANGE', `block ${block} is pending`);
  return { block, hash: b.hash.toLowerCase(), parentHash: b.parentHash.toLowerCase() };
}

/** A block the import vouched for must still be on the chain: otherwise a reorg went deeper than the confirmations. */
async function checkStillCanonical(client: PublicClient, policy: RetryPolicy, ref: BlockRef): Promise<void> {
  if (ref.hash === null || ref.block < 0) return;
  const now = await blockAt(client, policy, ref.block);
  if (now.hash !== ref.hash) {
    throw new StakemeshFailure(
      'REORG_DETECTED',
      `block ${ref.block} was imported with hash ${ref.hash}, the chain now has ${now.hash}; the manifest stays at the last block imported before it — re-import from an earlier block with more confirmations`,
    );
  }
}

function open(o: RpcImportOptions): { session: ImportSession; from: number } {
  const source = { kind: 'rpc' as const, confirmations: o.confirmations };
  const base = { network: o.network, out: o.out, manifestPath: o.manifestPath, source };
  if (!o.resume) {
    const from = o.fromBlock ?? o.network.startBlock;
    return { session: ImportSession.start(base, from), from };
  }
  const m = readManifest(o.manifestPath);
  if (o.fromBlock !== undefined && o.fromBlock !== m.toBlock + 1) {
    throw new StakemeshFailure(
      'MANIFEST_MISMATCH',
      `the manifest ends at block ${m.toBlock}; --from-block ${o.fromBlock} would leave a gap or overlap`,
    );
  }
  return { session: ImportSession.resume(base, m), from: m.toBlock + 1 };
}

/**
 * `import eigenlayer --rpc`: windows of eth_getLogs from `from` to head − confirmations, each
 * mapped and then vouched for by a checkpoint (log synced, manifest rewritten), so an interrupted
 * import resumes from its manifest. Hashes of the imported blocks are kept; before each window
 * the last one is checked against the chain to detect a reorg below the confirmation depth.
 */
export async function importRpc(o: RpcImportOptions): Promise<ImportManifest> {
  const policy = o.policy ?? defaultRetryPolicy;
  const client = createPublicClient({ transport: http(o.url, { retryCount: 0, timeout: 60_000 }) }) as PublicClient;
  const chainId = await withRetry(policy, 'eth_chainId', () => client.getChainId());
  if (chainId !== o.network.chainId)
    throw new StakemeshFailure('WRONG_CHAIN', `the node serves chain ${chainId}, ${o.network.name} is ${o.network.chainId}`);
  const latest = Number(await withRetry(policy, 'eth_blockNumber', () => client.getBlockNumber()));
  const safe = latest - o.confirmations;
  const { session, from: start } = open(o);
  try {
    await checkStillCanonical(client, policy, session.head);
    const end = Math.min(o.toBlock ?? safe, safe);
    if (end < start) return session.checkpoint(session.toBlock, session.head, []);
    let from = start;
    let window = o.windowBlocks;
    let moved = 0;
    const addresses = Object.values(o.network.contracts);
    while (from <= end) {
      const w = await fetchWindow(client, { addresses, from, end, window, windowMax: o.windowBlocks, policy });
      const head = await blockAt(client, policy, w.to);
      await checkStillCanonical(client, policy, session.head);
      const stale = w.logs.find((l) => l.block === w.to && l.blockHash !== null && l.blockHash !== head.hash);
      if (stale) {
        // The chain moved under this window (its last block changed between the two calls): fetch again.
        if (++moved > policy.retries) throw new StakemeshFailure('REORG_DETECTED', `block ${w.to} keeps changing hash`);
        continue;
      }
      moved = 0;
      session.mapLogs(w.logs);
      const seen = [...new Map(w.logs.map((l) => [l.block, { block: l.block, hash: l.blockHash }])).values()];
      session.checkpoint(w.to, { block: w.to, hash: head.hash }, [
        ...seen.filter((b) => b.block !== w.to),
        { block: w.to, hash: head.hash },
      ]);
      o.onWindow?.({ from, to: w.to, logs: w.logs.length });
      from = w.to + 1;
      window = w.nextWindow;
    }
    return session.manifest();
  } finally {
    session.close();
  }
}
