import { applyInPlace } from '../../core/apply.js';
import { defaultRegistry } from '../../core/commandRegistry.js';
import { parseCommand } from '../../core/log/parseCommand.js';
import { errorCatalogue, type ErrorCode } from '../../errors/catalogue.js';
import { StakemeshFailure } from '../../errors/result.js';
import { entryHash } from '../../store/entryHash.js';
import { findEntry } from '../../store/readLog.js';
import { jcs } from '../../store/jcs.js';
import type { SqlRunner } from '../../store/sqlPort.js';
import type { StoredEntry } from '../../store/storedEntry.js';
import type { ParsedEnvelope } from '../envelope/parseEnvelope.js';
import { authorize } from './authorize.js';
import type { LedgerMemory } from './ledgerMemory.js';
import { recordOwner } from './owners.js';
import type { Account, Receipt } from './serviceApi.js';

/** Entries staged in the current group commit, and how to take back each staged change. */
export interface GroupContext {
  readonly entries: StoredEntry[];
  readonly byNonce: Map<string, StoredEntry>;
}

export type Refusal = { readonly ok: false; readonly status: 403 | 409 | 422; readonly code: string; readonly message: string };
export type Admitted = { readonly ok: true; readonly receipt: Receipt } | Refusal;

export interface AdmitDeps {
  readonly db: SqlRunner;
  readonly mem: LedgerMemory;
  readonly admins: ReadonlySet<Account>;
  readonly serverAccount: Account;
  readonly chainMirror?: boolean | undefined;
}

export function receiptOf(e: StoredEntry): Receipt {
  return { seq: e.seq, block: e.block, hash: e.hash, result: e.result };
}

const refusal = (status: Refusal['status'], code: ErrorCode, detail: string): Refusal => ({
  ok: false,
  status,
  code,
  message: `${errorCatalogue[code]}: ${detail}`,
});
const ledgerRefusal = (code: string, message: string): Refusal => ({ ok: false, status: 422, code, message });

/**
 * One signed envelope through nonce, authorization and the ledger, staged as the next entry
 * (pushes undo steps for a batch that fails later). A retry of an already logged envelope
 * answers its first receipt and stages nothing.
 */
export async function admitEnvelope(deps: AdmitDeps, p: ParsedEnvelope, ctx: GroupContext, undo: (() => void)[]): Promise<Admitted> {
  const { mem } = deps;
  const { account, nonce, command } = p.envelope;
  const n = BigInt(nonce);
  const last = mem.nonces.get(account) ?? 0n;
  const key = `${account} ${nonce}`;
  if (n <= last) {
    const prior = ctx.byNonce.get(key) ?? (await findEntry(deps.db, account, nonce));
    if (prior && jcs(prior.envelope) === p.jcs) return { ok: true, receipt: receiptOf(prior) };
    return refusal(409, 'NONCE_USED', `${account} already used nonce ${nonce}; its next nonce is ${last + 1n}`);
  }
  if (n !== last + 1n) return refusal(409, 'NONCE_GAP', `the next nonce of ${account} is ${last + 1n}, not ${nonce}`);
  const spec = defaultRegistry.get(command.type);
  if (!spec) return refusal(422, 'UNKNOWN_COMMAND', command.type.slice(0, 60));
  try {
    parseCommand(spec, command);
  } catch (e) {
    if (e instanceof StakemeshFailure) return ledgerRefusal(e.code, e.message);
    throw e;
  }
  const auth = authorize(
    { state: mem.state, owners: mem.owners, admins: deps.admins, serverAccount: deps.serverAccount, chainMirror: deps.chainMirror },
    account,
    command,
  );
  if (!auth.ok) return refusal(403, 'NOT_AUTHORIZED', `${command.type} ${auth.message}`);
  const outcome = applyInPlace(mem.state, command);
  if (!outcome.ok) return ledgerRefusal(outcome.error.code, outcome.error.message);
  const entry: StoredEntry = {
    seq: mem.seq + 1,
    block: mem.state.block,
    envelope: p.envelope,
    prevHash: mem.hash,
    hash: entryHash(mem.hash, p.jcs),
    result: { type: command.type, status: 'ok', ...outcome.fields },
  };
  stage(mem, ctx, entry, key, n, undo);
  return { ok: true, receipt: receiptOf(entry) };
}

function stage(mem: LedgerMemory, ctx: GroupContext, entry: StoredEntry, key: string, n: bigint, undo: (() => void)[]): void {
  const { account } = entry.envelope;
  const prev = { seq: mem.seq, hash: mem.hash, nonce: mem.nonces.get(account) };
  ctx.entries.push(entry);
  ctx.byNonce.set(key, entry);
  mem.nonces.set(account, n);
  mem.seq = entry.seq;
  mem.hash = entry.hash;
  const ownerUndo = recordOwner(mem.owners, account, entry.envelope.command);
  undo.push(() => {
    ownerUndo?.();
    ctx.entries.pop();
    ctx.byNonce.delete(key);
    if (prev.nonce === undefined) mem.nonces.delete(account);
    else mem.nonces.set(account, prev.nonce);
    mem.seq = prev.seq;
    mem.hash = prev.hash;
  });
}
