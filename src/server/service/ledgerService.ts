import { cloneState } from '../../core/state/cloneState.js';
import type { LedgerState } from '../../core/state/state.js';
import { stateHash } from '../../core/state/stateHash.js';
import { errorCatalogue, type ErrorCode } from '../../errors/catalogue.js';
import { readLog, seqAtBlock } from '../../store/readLog.js';
import type { SqlPort } from '../../store/sqlPort.js';
import type { StoredEntry } from '../../store/storedEntry.js';
import { parseEnvelope, type ParsedEnvelope } from '../envelope/parseEnvelope.js';
import { signEnvelope } from '../envelope/signEnvelope.js';
import type { SignerKey } from '../envelope/signerKey.js';
import { verifyEnvelope } from '../envelope/verifyEnvelope.js';
import { receiptOf } from './admitEnvelope.js';
import { clockBlocksDue } from './blockClock.js';
import { followLog, type Follower } from './followLog.js';
import { GroupCommit } from './groupCommit.js';
import type { CommittedHead, LedgerMemory } from './ledgerMemory.js';
import { loadLedger, replayRange, stateFromSnapshot } from './loadLedger.js';
import type { CommitEvent, Envelope, Head, LedgerServiceApi, LogEntry, ServiceOptions, SubmitOutcome } from './serviceApi.js';
import { batchSizeMax, logPageMax } from './serviceBounds.js';
import { readSnapshot } from '../../store/snapshots.js';
import { sqlResultStore } from '../../store/sqlResultStore.js';
import type { ResultStore } from '../../jobs/resultStore.js';
import { readMeta, writeMeta } from '../../store/meta.js';

export interface LedgerServiceParts {
  readonly options: ServiceOptions;
  readonly port: SqlPort;
  readonly mem: LedgerMemory;
  /** The block-clock key; null on a read-only server. */
  readonly serverKey: SignerKey | null;
  readonly genesisMs: number;
}

const failure = (status: 400 | 401 | 503, code: ErrorCode, detail: string, index?: number): SubmitOutcome => ({
  ok: false,
  status,
  code,
  message: `${errorCatalogue[code]}: ${detail}`,
  ...(index === undefined ? {} : { index }),
});

export function toLogEntry(e: StoredEntry): LogEntry {
  return { seq: e.seq, block: e.block, envelope: e.envelope, prevHash: e.prevHash, hash: e.hash };
}

/** The ledger service of SPEC §9 over a store port: see openLedgerService for how it starts. */
export class LedgerService implements LedgerServiceApi {
  readonly chainId: number;
  readonly readOnly: boolean;
  private readonly committed: CommittedHead;
  private readonly listeners = new Set<(event: CommitEvent) => void>();
  private readonly writer: GroupCommit | null;
  private follower: Follower | null = null;
  private headHash: string;
  private closed = false;
  /** Set when a failed commit left memory ahead of the database and rebuilding it failed too. */
  private stale = false;
  /** Why a follower stopped tailing (a broken chain), if it did. */
  followError: string | null = null;

  /** The store's port, for tables beside the log (alert rules); closed with the service. */
  get sql(): Pick<SqlPort, 'query' | 'transaction'> {
    return this.parts.port;
  }

  constructor(private readonly parts: LedgerServiceParts) {
    const { options, mem, serverKey } = parts;
    this.chainId = options.chainId;
    this.readOnly = serverKey === null;
    this.committed = { seq: mem.seq, block: mem.state.block, hash: mem.hash };
    this.headHash = stateHash(mem.state);
    this.writer = serverKey === null ? null : this.createWriter(serverKey);
  }

  private createWriter(serverKey: SignerKey): GroupCommit {
    const { options, port, mem } = this.parts;
    return new GroupCommit({
      db: port,
      port,
      mem,
      committed: this.committed,
      admins: new Set(options.admins),
      serverAccount: serverKey.account,
      chainMirror: options.chainMirror === true,
      snapshotEvery: options.snapshotEvery,
      clockEnvelope: () => this.clockEnvelope(serverKey),
      onCommitted: (entries) => this.emit(entries),
      reload: () => this.reload(),
    });
  }

  async startFollowing(): Promise<void> {
    const { port, mem } = this.parts;
    this.follower = await followLog(
      port,
      mem,
      this.committed,
      (entries) => this.emit(entries),
      (message) => {
        this.followError = message;
      },
    );
    await this.follower.catchUp();
  }

  private clockEnvelope(key: SignerKey): ParsedEnvelope | null {
    const { options, mem, genesisMs } = this.parts;
    if (options.chainMirror === true) return null;
    const now = (options.now ?? Date.now)();
    const blocks = clockBlocksDue(mem.state, now, genesisMs, options.blockTimeS);
    if (blocks === 0) return null;
    const nonce = (mem.nonces.get(key.account) ?? 0n) + 1n;
    const parsed = parseEnvelope(signEnvelope({ key, chainId: this.chainId, nonce, command: { type: 'advance', blocks } }));
    return parsed.ok ? parsed.value : null;
  }

  private emit(entries: readonly StoredEntry[]): void {
    this.headHash = stateHash(this.parts.mem.state);
    if (this.listeners.size === 0) return;
    const event: CommitEvent = { entries: entries.map(toLogEntry), receipts: entries.map(receiptOf), head: this.head() };
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A failing subscriber must not stop the others or the writer.
      }
    }
  }

  private async reload(): Promise<void> {
    const { port, mem } = this.parts;
    try {
      const fresh = await loadLedger(port);
      mem.state = fresh.state;
      for (const k of ['operators', 'services', 'lrts', 'pools'] as const) {
        mem.owners[k].clear();
        for (const [id, a] of fresh.owners[k]) mem.owners[k].set(id, a);
      }
      mem.nonces.clear();
      for (const [a, n] of fresh.nonces) mem.nonces.set(a, n);
      mem.seq = fresh.seq;
      mem.hash = fresh.hash;
      Object.assign(this.committed, { seq: fresh.seq, block: fresh.state.block, hash: fresh.hash });
      this.headHash = stateHash(mem.state);
      this.stale = false;
    } catch {
      this.stale = true;
    }
  }

  head(): Head {
    const c = this.committed;
    return { chainId: this.chainId, seq: c.seq, block: c.block, stateHash: this.headHash, logHash: c.hash };
  }

  state(): LedgerState {
    return this.parts.mem.state;
  }

  async submit(envelopes: readonly Envelope[]): Promise<SubmitOutcome> {
    if (this.closed) return failure(503, 'SERVICE_CLOSED', 'the service is shutting down');
    if (!this.writer)
      return failure(503, 'READ_ONLY', this.parts.options.follow ? 'a --follow replica' : 'another server holds the writer lock');
    if (!Array.isArray(envelopes) || envelopes.length === 0) return failure(400, 'BAD_ENVELOPE', 'send one envelope or a non-empty list');
    if (envelopes.length > batchSizeMax) return failure(400, 'TOO_LARGE', `at most ${batchSizeMax} envelopes per batch`);
    const parsed: ParsedEnvelope[] = [];
    for (const [i, raw] of envelopes.entries()) {
      const p = parseEnvelope(raw);
      if (!p.ok) return failure(400, 'BAD_ENVELOPE', p.message, i);
      if (!verifyEnvelope(p.value, this.chainId)) return failure(401, 'BAD_SIGNATURE', `envelope ${i} of ${p.value.envelope.account}`, i);
      parsed.push(p.value);
    }
    if (this.stale) await this.reload();
    if (this.stale) return failure(503, 'STORE_FAILED', 'the database is unreachable');
    const writer = this.writer;
    return new Promise((resolve) => writer.enqueue({ parsed, resolve }));
  }

  async log(after: number, limit: number): Promise<readonly LogEntry[]> {
    const from = Number.isSafeInteger(after) && after > 0 ? after : 0;
    const n = Number.isSafeInteger(limit) ? Math.min(Math.max(limit, 1), logPageMax) : logPageMax;
    const rows = await readLog(this.parts.port, from, n);
    return rows.filter((e) => e.seq <= this.committed.seq).map(toLogEntry);
  }

  async stateAt(at: { readonly seq?: number; readonly block?: number }): Promise<LedgerState | null> {
    const c = this.committed;
    let seq: number;
    if (at.seq !== undefined) {
      if (!Number.isSafeInteger(at.seq) || at.seq < 0 || at.seq > c.seq) return null;
      seq = at.seq;
    } else if (at.block !== undefined) {
      if (!Number.isSafeInteger(at.block) || at.block < 0 || at.block > c.block) return null;
      seq = Math.min(await seqAtBlock(this.parts.port, at.block), c.seq);
    } else seq = c.seq;
    const { mem, port } = this.parts;
    if (seq === c.seq && mem.seq === c.seq) return cloneState(mem.state);
    const snap = await readSnapshot(port, seq);
    const state = await stateFromSnapshot(port, snap?.seq ?? null);
    const why = await replayRange(port, state, snap?.seq ?? 0, seq);
    if (why) throw new Error(`stateAt: ${why}`);
    return state;
  }

  /**
   * Commands signed by the server's own key, in order, as one all-or-nothing batch: how a chain
   * mirror (`serve --follow-rpc`) writes what the chain did. READ_ONLY on a server without the key.
   */
  async submitAsServer(commands: readonly Envelope['command'][]): Promise<SubmitOutcome> {
    const key = this.parts.serverKey;
    if (key === null) return failure(503, 'READ_ONLY', 'only the writer signs as the server');
    const first = (this.parts.mem.nonces.get(key.account) ?? 0n) + 1n;
    const envelopes = commands.map((command, i) => signEnvelope({ key, chainId: this.chainId, nonce: first + BigInt(i), command }));
    return this.submit(envelopes);
  }

  /** The service's own metadata (e.g. a chain mirror's cursor): read and overwrite by key. */
  async readMeta(key: string): Promise<string | null> {
    return readMeta(this.parts.port, key);
  }

  async writeMeta(key: string, value: string): Promise<void> {
    await writeMeta(this.parts.port, key, value);
  }

  nextNonce(account: string): string {
    return String((this.parts.mem.nonces.get(account) ?? 0n) + 1n);
  }

  jobResults(): ResultStore {
    return sqlResultStore(this.parts.port);
  }

  onCommit(listener: (event: CommitEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer?.idle();
    await this.follower?.stop();
    this.listeners.clear();
    await this.parts.port.close();
  }
}
