import { applyInPlace } from '../../core/apply.js';
import { defaultRegistry, type CommandRegistry } from '../../core/commandRegistry.js';
import { createState, type LedgerState } from '../../core/state/state.js';
import type { ChainLog } from '../chainLog.js';

export type Cmd = Readonly<Record<string, unknown>> & { readonly type: string };

/** What became of one event. */
export type EventOutcome =
  /** Turned into ledger commands (or, with none needed, already true of the ledger). */
  | 'mapped'
  /** A consequence the ledger computes itself from a mapped event (checked where cheap). */
  | 'derived'
  /** No ledger meaning (metadata URIs, pauses, pod deployment). */
  | 'informational'
  /** Not expressible in the ledger: listed in the manifest with block and log index. */
  | 'unexpressible';

export interface EventReport {
  readonly block: number;
  readonly logIndex: number;
  readonly transactionHash: string;
  readonly event: string;
  readonly reason: string;
}

/** A chain value that the ledger, after replaying the events so far, does not reproduce. */
export interface Mismatch extends EventReport {
  readonly chain: string;
  readonly ledger: string;
}

/**
 * The importer's working state: the ledger it builds (every emitted command is applied to it, so
 * the log it writes is known to replay), the commands' sink and the report of every event.
 */
export interface MapContext {
  readonly state: LedgerState;
  readonly registry: CommandRegistry;
  readonly sink: (cmd: Cmd) => void;
  commands: number;
  readonly eventCounts: Map<string, number>;
  readonly outcomeCounts: Map<EventOutcome, number>;
  /** Prerequisites the events prove but the range does not show (e.g. a set created before it). */
  readonly implied: Map<string, number>;
  readonly unexpressible: EventReport[];
  readonly mismatches: Mismatch[];
  /** EigenLayer withdrawal root → ledger withdrawal ids (one per strategy). */
  readonly withdrawalRoots: Map<string, string[]>;
  /** The log being mapped, for the implied-command report. */
  current: ChainLog | null;
  /**
   * `operator|strategy` → magnitude of deallocations that have taken effect but that the contract
   * has not yet cleared from its stored encumbered magnitude: EigenLayer clears its deallocation
   * queue lazily (on the next modifyAllocations or clearDeallocationQueue of that strategy), the
   * ledger at the effect block. `EncumberedMagnitudeUpdated` is checked against ledger + this.
   */
  readonly lazilyFreed: Map<string, bigint>;
  /** Encumbered-magnitude events that matched only once the lazily cleared part is added. */
  lazyMatches: number;
  /** Checks of totals the contract emits before the event that changes them: run at the end of the transaction. */
  readonly endOfTx: (() => void)[];
}

/** Raised inside a mapping when an event cannot be expressed; caught per event and reported. */
export class NotExpressible extends Error {}

export function createMapContext(sink: (cmd: Cmd) => void, state: LedgerState = createState(), registry = defaultRegistry): MapContext {
  return {
    state,
    registry,
    sink,
    commands: 0,
    eventCounts: new Map(),
    outcomeCounts: new Map(),
    implied: new Map(),
    unexpressible: [],
    mismatches: [],
    withdrawalRoots: new Map(),
    current: null,
    lazilyFreed: new Map(),
    lazyMatches: 0,
    endOfTx: [],
  };
}

/**
 * Applies a command to the importer's ledger and, if it succeeds, writes it to the log. A
 * failing command is not written (the log must replay to this ledger): the event is reported.
 */
export function emit(ctx: MapContext, cmd: Cmd): Readonly<Record<string, unknown>> {
  const out = applyInPlace(ctx.state, cmd, ctx.registry);
  if (!out.ok) throw new NotExpressible(`${cmd.type} fails in the ledger: ${out.error.message}`);
  ctx.sink(cmd);
  ctx.commands += 1;
  return out.fields;
}

/** Emits a prerequisite that the current event proves (counted apart in the manifest). */
export function emitImplied(ctx: MapContext, cmd: Cmd): Readonly<Record<string, unknown>> {
  const fields = emit(ctx, cmd);
  ctx.implied.set(cmd.type, (ctx.implied.get(cmd.type) ?? 0) + 1);
  return fields;
}

export function reportOf(log: ChainLog, reason: string): EventReport {
  return { block: log.block, logIndex: log.logIndex, transactionHash: log.transactionHash, event: log.event, reason };
}

export function mismatch(ctx: MapContext, log: ChainLog, what: string, chain: bigint | string, ledger: bigint | string): void {
  if (String(chain) === String(ledger)) return;
  ctx.mismatches.push({ ...reportOf(log, what), chain: String(chain), ledger: String(ledger) });
}
