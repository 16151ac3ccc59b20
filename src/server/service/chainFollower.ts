import { createPublicClient, http, type PublicClient } from 'viem';
import { advanceTo } from '../../chain/map/ensure.js';
import { createMapContext, emit, type MapContext } from '../../chain/map/mapContext.js';
import { mapLogs } from '../../chain/map/mapLogs.js';
import type { NetworkConfig } from '../../chain/networks.js';
import { fetchWindow } from '../../chain/source/fetchWindow.js';
import { defaultRetryPolicy, describeError, withRetry, type RetryPolicy } from '../../chain/source/retry.js';
import { cloneState } from '../../core/state/cloneState.js';
import type { LedgerState } from '../../core/state/state.js';
import { StakemeshFailure } from '../../errors/result.js';
import type { Envelope, SubmitOutcome } from './serviceApi.js';
import { batchSizeMax } from './serviceBounds.js';

/** What a chain mirror needs of the ledger service (LedgerService has it). */
export interface ChainMirrorTarget {
  state(): LedgerState;
  submitAsServer(commands: readonly Envelope['command'][]): Promise<SubmitOutcome>;
  readMeta(key: string): Promise<string | null>;
  writeMeta(key: string, value: string): Promise<void>;
}

export type ChainFollowLog = (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;

export interface ChainFollowOptions {
  readonly url: string;
  readonly network: NetworkConfig;
  /** Blocks below the head that count as final; newer ones wait. */
  readonly confirmations: number;
  /** Wait between polls once caught up. */
  readonly pollMs: number;
  /** Blocks per eth_getLogs (halved on provider errors) and per poll. */
  readonly windowBlocks: number;
  /** First block to read on an empty cursor (default: the network's start block). */
  readonly fromBlock?: number | undefined;
  readonly policy?: RetryPolicy;
  readonly log: ChainFollowLog;
}

/** The mirror's place on the chain, kept in the service's meta table. */
interface ChainCursor {
  readonly network: string;
  readonly block: number;
  readonly hash: string | null;
  readonly withdrawalRoots: Record<string, string[]>;
  readonly lazilyFreed: Record<string, string>;
  readonly unexpressible: number;
}

export interface ChainFollowStatus {
  readonly following: boolean;
  readonly block: number;
  readonly hash: string | null;
  readonly unexpressible: number;
  readonly error: string | null;
}

export const chainCursorKey = 'chain_cursor';

/**
 * `serve --follow-rpc`: tails the EigenLayer core contracts on a node and appends what their
 * events do to the service's log, signed by the server's key (SPEC §9, §11). Each poll reads the
 * confirmed blocks after the cursor (head − confirmations), maps them with the importer's mapping
 * onto a copy of the ledger, submits the commands plus an `advance` to the window's last block,
 * then moves the cursor (block, hash, withdrawal roots) in the meta table so a restart resumes.
 * Before each poll the cursor block's hash is compared with the chain's: a reorg deeper than the
 * confirmations stops the follower with REORG_DETECTED in its status and log — the mirrored state
 * is never rolled back silently. Events the ledger cannot express are logged with block and log
 * index and counted.
 */
export class ChainFollower {
  private readonly client: PublicClient;
  private readonly policy: RetryPolicy;
  private cursor: ChainCursor;
  private window: number;
  private stopped = false;
  private error: string | null = null;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  private constructor(
    private readonly target: ChainMirrorTarget,
    private readonly o: ChainFollowOptions,
    cursor: ChainCursor,
  ) {
    this.client = createPublicClient({ transport: http(o.url, { retryCount: 0, timeout: 60_000 }) }) as PublicClient;
    this.policy = o.policy ?? defaultRetryPolicy;
    this.cursor = cursor;
    this.window = o.windowBlocks;
  }

  /** Checks the node's chain, loads the cursor and starts polling. */
  static async start(target: ChainMirrorTarget, o: ChainFollowOptions): Promise<ChainFollower> {
    const f = new ChainFollower(target, o, await loadCursor(target, o));
    const chainId = await withRetry(f.policy, 'eth_chainId', () => f.client.getChainId());
    if (chainId !== o.network.chainId)
      throw new StakemeshFailure('WRONG_CHAIN', `the node serves chain ${chainId}, ${o.network.name} is ${o.network.chainId}`);
    o.log('info', 'following the chain', { network: o.network.name, from: f.cursor.block + 1, confirmations: o.confirmations });
    f.loop = f.run();
    return f;
  }

  status(): ChainFollowStatus {
    const c = this.cursor;
    return { following: !this.stopped, block: c.block, hash: c.hash, unexpressible: c.unexpressible, error: this.error };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let moved = false;
      try {
        moved = await this.pollOnce();
      } catch (e) {
        if (e instanceof StakemeshFailure && e.code === 'RPC_FAILED') {
          this.o.log('warn', 'chain node unavailable; retrying at the next poll', { detail: e.message });
        } else {
          this.error = e instanceof StakemeshFailure ? `${e.code}: ${e.message}` : `FOLLOW_FAILED: ${describeError(e)}`;
          this.stopped = true;
          this.o.log('error', `stopped following the chain: ${this.error}`, { block: this.cursor.block });
          return;
        }
      }
      if (!moved && !this.stopped) await new Promise<void>((r) => ((this.wake = r), setTimeout(r, this.o.pollMs)));
    }
  }

  /** One window of confirmed blocks; false when there was nothing new (or the tip moved under it). */
  async pollOnce(): Promise<boolean> {
    const latest = Number(await withRetry(this.policy, 'eth_blockNumber', () => this.client.getBlockNumber()));
    const from = this.cursor.block + 1;
    const end = Math.min(latest - this.o.confirmations, this.cursor.block + this.o.windowBlocks);
    if (end < from) return false;
    await this.checkStillCanonical();
    const addresses = Object.values(this.o.network.contracts);
    const w = await fetchWindow(this.client, {
      addresses,
      from,
      end,
      window: this.window,
      windowMax: this.o.windowBlocks,
      policy: this.policy,
    });
    this.window = w.nextWindow;
    const head = await this.blockHash(w.to);
    if (w.logs.some((l) => l.block === w.to && l.blockHash !== null && l.blockHash !== head)) return false;
    const commands: Envelope['command'][] = [];
    const ctx = this.context((c) => void commands.push(c as Envelope['command']));
    if (ctx.state.applied === 0) {
      const n = this.o.network;
      emit(ctx, {
        type: 'configure',
        withdrawalDelayBlocks: n.withdrawalDelayBlocks,
        deallocationDelayBlocks: n.deallocationDelayBlocks,
        allocationConfigurationDelayBlocks: n.allocationConfigurationDelayBlocks,
      });
    }
    mapLogs(ctx, w.logs);
    if (ctx.state.block < w.to) advanceTo(ctx, w.to);
    for (const u of ctx.unexpressible) this.o.log('warn', `event not expressible in the ledger: ${u.event}`, { ...u });
    for (const m of ctx.mismatches) this.o.log('warn', `event disagrees with the ledger: ${m.event}`, { ...m });
    await this.submit(commands, w.to);
    this.cursor = {
      network: this.o.network.name,
      block: w.to,
      hash: head,
      withdrawalRoots: Object.fromEntries(ctx.withdrawalRoots),
      lazilyFreed: Object.fromEntries([...ctx.lazilyFreed].map(([k, v]) => [k, v.toString()])),
      unexpressible: this.cursor.unexpressible + ctx.unexpressible.length,
    };
    await this.target.writeMeta(chainCursorKey, JSON.stringify(this.cursor));
    if (w.logs.length > 0) this.o.log('info', 'chain blocks mirrored', { from, to: w.to, logs: w.logs.length, commands: commands.length });
    return true;
  }

  /** The importer's mapping over a copy of the service's ledger, with the cursor's bookkeeping. */
  private context(sink: (c: unknown) => void): MapContext {
    const ctx = createMapContext(sink as never, cloneState(this.target.state()));
    for (const [k, v] of Object.entries(this.cursor.withdrawalRoots)) ctx.withdrawalRoots.set(k, [...v]);
    for (const [k, v] of Object.entries(this.cursor.lazilyFreed)) ctx.lazilyFreed.set(k, BigInt(v));
    return ctx;
  }

  private async submit(commands: readonly Envelope['command'][], block: number): Promise<void> {
    for (let i = 0; i < commands.length; i += batchSizeMax) {
      const out = await this.target.submitAsServer(commands.slice(i, i + batchSizeMax));
      if (!out.ok)
        throw new StakemeshFailure('BAD_LOG', `the service refused the commands of blocks up to ${block}: ${out.code} ${out.message}`);
    }
  }

  private async blockHash(block: number): Promise<string> {
    const b = await withRetry(this.policy, `eth_getBlockByNumber ${block}`, () => this.client.getBlock({ blockNumber: BigInt(block) }));
    if (b.hash === null) throw new StakemeshFailure('BAD_BLOCK_RANGE', `block ${block} is pending`);
    return b.hash.toLowerCase();
  }

  private async checkStillCanonical(): Promise<void> {
    const c = this.cursor;
    if (c.hash === null || c.block < 0) return;
    const now = await this.blockHash(c.block);
    if (now !== c.hash)
      throw new StakemeshFailure(
        'REORG_DETECTED',
        `block ${c.block} was mirrored with hash ${c.hash}, the chain now has ${now}: a reorg deeper than the ${this.o.confirmations} confirmations; the ledger keeps what it mirrored (restart from a fresh data dir with more confirmations)`,
      );
  }
}

async function loadCursor(target: ChainMirrorTarget, o: ChainFollowOptions): Promise<ChainCursor> {
  const text = await target.readMeta(chainCursorKey);
  const state = target.state();
  if (text === null) {
    const from = o.fromBlock ?? o.network.startBlock;
    if (state.applied > 0 && state.block >= from)
      throw new StakemeshFailure(
        'BAD_OPTION',
        `the ledger is at block ${state.block} already: follow from block ${state.block + 1} or later`,
      );
    return { network: o.network.name, block: from - 1, hash: null, withdrawalRoots: {}, lazilyFreed: {}, unexpressible: 0 };
  }
  const c = JSON.parse(text) as ChainCursor;
  if (c.network !== o.network.name)
    throw new StakemeshFailure('MANIFEST_MISMATCH', `this service mirrors ${c.network}, not ${o.network.name}`);
  if (state.block > c.block) {
    // The last window was committed but its cursor was not written (a crash in between).
    o.log('warn', 'the ledger is ahead of the saved chain cursor; resuming after the ledger block', {
      cursor: c.block,
      ledger: state.block,
    });
    return { ...c, block: state.block, hash: null };
  }
  return c;
}
