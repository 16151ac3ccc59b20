// An in-memory LedgerServiceApi for the pure HTTP-layer tests (routing, validation, limits, SSE
// framing): no signatures, no durability. End-to-end tests use the real service (openLedgerService).
import { createHash } from 'node:crypto';
import { applyInPlace } from '../../../src/core/apply.js';
import { cloneState } from '../../../src/core/state/cloneState.js';
import { createState } from '../../../src/core/state/state.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import type {
  CommitEvent,
  Envelope,
  Head,
  LedgerServiceApi,
  LogEntry,
  Receipt,
  SubmitOutcome,
} from '../../../src/server/service/serviceApi.js';

const zero = '0'.repeat(64);

export function memoryService(chainId = 31337): LedgerServiceApi & { readonly entries: LogEntry[] } {
  let state = createState();
  const entries: LogEntry[] = [];
  const receipts = new Map<string, Receipt>();
  const nonces = new Map<string, bigint>();
  const listeners = new Set<(e: CommitEvent) => void>();
  let head: Head = { chainId, seq: 0, block: 0, stateHash: stateHash(state), logHash: zero };
  const key = (e: Envelope): string => JSON.stringify(e);
  return {
    chainId,
    readOnly: false,
    entries,
    head: () => head,
    state: () => state,
    async stateAt(at) {
      const seq = at.seq ?? entries.filter((e) => e.block <= (at.block ?? 0)).at(-1)?.seq ?? 0;
      if (seq > head.seq) return null;
      const s = createState();
      for (const e of entries.slice(0, seq)) applyInPlace(s, e.envelope.command);
      return s;
    },
    async submit(envelopes): Promise<SubmitOutcome> {
      const seen = receipts.get(key(envelopes[0]!));
      if (envelopes.length === 1 && seen) return { ok: true, receipts: [seen] };
      const next = cloneState(state);
      const made: LogEntry[] = [];
      const out: Receipt[] = [];
      const used = new Map(nonces);
      let prev = head.logHash;
      for (const [index, env] of envelopes.entries()) {
        const want = (used.get(env.account) ?? 0n) + 1n;
        if (BigInt(env.nonce) !== want)
          return { ok: false, status: 409, code: BigInt(env.nonce) < want ? 'NONCE_USED' : 'NONCE_GAP', message: 'nonce', index };
        const r = applyInPlace(next, env.command);
        if (!r.ok) return { ok: false, status: 422, code: r.error.code, message: r.error.message, index };
        used.set(env.account, want);
        const seq = head.seq + made.length + 1;
        const hash = createHash('sha256').update(prev).update(JSON.stringify(env)).digest('hex');
        made.push({ seq, block: next.block, envelope: env, prevHash: prev, hash });
        out.push({ seq, block: next.block, hash, result: r.fields as Record<string, unknown> });
        prev = hash;
      }
      state = next;
      for (const [a, n] of used) nonces.set(a, n);
      entries.push(...made);
      envelopes.forEach((e, i) => receipts.set(key(e), out[i]!));
      head = { chainId, seq: head.seq + made.length, block: state.block, stateHash: stateHash(state), logHash: prev };
      for (const l of listeners) l({ entries: made, receipts: out, head });
      return { ok: true, receipts: out };
    },
    async log(after, limit) {
      return entries.slice(after, after + limit);
    },
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {},
  };
}
