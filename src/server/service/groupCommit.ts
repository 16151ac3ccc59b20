import { cloneState } from '../../core/state/cloneState.js';
import { stateHash } from '../../core/state/stateHash.js';
import { errorCatalogue } from '../../errors/catalogue.js';
import { appendEntries } from '../../store/appendEntries.js';
import { serializeState } from '../../store/serializeState.js';
import { writeSnapshot } from '../../store/snapshots.js';
import { commitChannel, type SqlPort } from '../../store/sqlPort.js';
import type { StoredEntry } from '../../store/storedEntry.js';
import type { ParsedEnvelope } from '../envelope/parseEnvelope.js';
import { admitEnvelope, type AdmitDeps, type GroupContext } from './admitEnvelope.js';
import type { CommittedHead, LedgerMemory } from './ledgerMemory.js';
import type { Receipt, SubmitOutcome } from './serviceApi.js';

/** Submissions written together in one transaction at most (the rest wait for the next one). */
export const groupSizeMax = 512;

export interface PendingSubmit {
  readonly parsed: readonly ParsedEnvelope[];
  readonly resolve: (outcome: SubmitOutcome) => void;
}

export interface GroupCommitDeps extends AdmitDeps {
  readonly port: SqlPort;
  readonly mem: LedgerMemory;
  readonly committed: CommittedHead;
  readonly snapshotEvery: number;
  /** The server's signed `advance` for the block clock, or null when none is due. */
  readonly clockEnvelope: () => ParsedEnvelope | null;
  /** Called after each commit with the new entries and receipts. */
  readonly onCommitted: (entries: readonly StoredEntry[]) => void;
  /** Rebuilds memory from the database after a failed commit (memory ran ahead of it). */
  readonly reload: () => Promise<void>;
}

/**
 * Group commit: submissions queue while a transaction is in flight and the next transaction
 * writes them all, so one fsync serves many commands. Ledger application is serialised here,
 * in arrival order, so the log order is deterministic. A submission is answered only after
 * its transaction commits.
 */
export class GroupCommit {
  private readonly pending: PendingSubmit[] = [];
  private active = false;
  private loopDone: Promise<void> = Promise.resolve();

  constructor(private readonly deps: GroupCommitDeps) {}

  enqueue(item: PendingSubmit): void {
    this.pending.push(item);
    if (this.active) return;
    this.active = true;
    this.loopDone = this.loop();
  }

  /** Resolves once everything queued so far is answered. */
  idle(): Promise<void> {
    return this.loopDone;
  }

  private async loop(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, groupSizeMax);
      try {
        await this.commitGroup(group);
      } catch (e) {
        // Memory may hold staged commands the database never got: answer, then rebuild it.
        const message = e instanceof Error ? e.message.slice(0, 200) : 'unknown';
        for (const item of group) item.resolve({ ok: false, status: 503, code: 'STORE_FAILED', message: `${errorCatalogue.STORE_FAILED}: ${message}` });
        await this.deps.reload().catch(() => undefined);
      }
    }
    this.active = false;
  }

  private async commitGroup(group: readonly PendingSubmit[]): Promise<void> {
    const { mem, committed } = this.deps;
    const ctx: GroupContext = { entries: [], byNonce: new Map() };
    const clock = this.deps.clockEnvelope();
    if (clock) await admitEnvelope(this.deps, clock, ctx, []);
    const answers: SubmitOutcome[] = [];
    for (const item of group) answers.push(await this.admitItem(item, ctx));
    if (ctx.entries.length > 0) {
      const last = ctx.entries[ctx.entries.length - 1] as StoredEntry;
      const every = this.deps.snapshotEvery;
      const snapshot = every > 0 && Math.floor(last.seq / every) > Math.floor(committed.seq / every);
      await this.deps.port.transaction(async (tx) => {
        await appendEntries(tx, ctx.entries);
        if (snapshot) {
          const state = mem.state;
          await writeSnapshot(tx, { seq: last.seq, block: state.block, stateHash: stateHash(state), state: serializeState(state) });
        }
        await tx.query('SELECT pg_notify($1, $2)', [commitChannel, String(last.seq)]);
      });
      committed.seq = last.seq;
      committed.block = last.block;
      committed.hash = last.hash;
    }
    group.forEach((item, i) => item.resolve(answers[i] as SubmitOutcome));
    if (ctx.entries.length > 0) this.deps.onCommitted(ctx.entries);
  }

  /** A batch is all or nothing: on a refusal its staged entries and state changes are undone. */
  private async admitItem(item: PendingSubmit, ctx: GroupContext): Promise<SubmitOutcome> {
    const { mem } = this.deps;
    const backup = item.parsed.length > 1 ? cloneState(mem.state) : null;
    const undo: (() => void)[] = [];
    const receipts: Receipt[] = [];
    for (const [index, p] of item.parsed.entries()) {
      const r = await admitEnvelope(this.deps, p, ctx, undo);
      if (!r.ok) {
        if (backup) mem.state = backup;
        for (const u of undo.reverse()) u();
        return { ok: false, status: r.status, code: r.code, message: r.message, index };
      }
      receipts.push(r.receipt);
    }
    return { ok: true, receipts };
  }
}
