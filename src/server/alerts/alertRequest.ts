import type { ErrorCode } from '../../errors/catalogue.js';
import { StakemeshFailure } from '../../errors/result.js';
import { alertStore } from '../../store/alertStore.js';
import type { SqlRunner } from '../../store/sqlPort.js';
import { parseEnvelope } from '../envelope/parseEnvelope.js';
import { verifyEnvelope } from '../envelope/verifyEnvelope.js';
import type { Envelope } from '../service/serviceApi.js';
import type { RequestGuard } from './alertRuleBook.js';

/** How far (ms) an alert request's nonce — its signing time — may be from the server clock, either way. */
export const alertRequestSkewMs = 5 * 60_000;

/** The command types of signed alert requests: none is a ledger command, so no request can enter the log. */
export const alertRequestTypes = [
  'createAlert',
  'listAlerts',
  'deleteAlert',
  'listDeadLetters',
  'retryDeadLetter',
  'ackDeadLetter',
] as const;
export type AlertRequestType = (typeof alertRequestTypes)[number];

/** The fields each request's command carries besides `type` (`id` must equal the path's id). */
const fieldsOf: Readonly<Record<AlertRequestType, readonly string[]>> = {
  createAlert: ['rule'],
  listAlerts: [],
  deleteAlert: ['id'],
  listDeadLetters: [],
  retryDeadLetter: ['id'],
  ackDeadLetter: ['id'],
};

export interface AlertRequest {
  readonly account: string;
  readonly nonce: bigint;
  readonly command: Envelope['command'];
}

export type AlertRequestCheck =
  | { readonly ok: true; readonly value: AlertRequest }
  | { readonly ok: false; readonly status: 400 | 401; readonly code: ErrorCode; readonly detail: string };

/**
 * Checks a signed alert request (docs/server.md "Alerts"): an envelope of SPEC §9 whose command is
 * `{ type: <expected>, …fields }` (the `id` equal to the path's), signed by its account for this chain id, whose
 * nonce is the signing time in milliseconds within `alertRequestSkewMs` of `nowMs`. Replays are stopped after this
 * by `requestNonceGuard`: an account's nonces must increase. Pure apart from the signature check; never throws.
 */
export function checkAlertRequest(
  raw: unknown,
  o: { readonly chainId: number; readonly nowMs: number; readonly type: AlertRequestType; readonly id?: string },
): AlertRequestCheck {
  const bad = (status: 400 | 401, code: ErrorCode, detail: string): AlertRequestCheck => ({ ok: false, status, code, detail });
  const parsed = parseEnvelope(raw);
  if (!parsed.ok) return bad(400, 'BAD_ENVELOPE', parsed.message);
  const { account, nonce, command } = parsed.value.envelope;
  if (command.type !== o.type) return bad(400, 'BAD_ENVELOPE', `command.type must be ${o.type} on this endpoint`);
  const want = fieldsOf[o.type];
  const extra = Object.keys(command).find((k) => k !== 'type' && !want.includes(k));
  if (extra !== undefined) return bad(400, 'BAD_ENVELOPE', `command: unknown field ${extra.slice(0, 40)}`);
  const missing = want.find((k) => !Object.hasOwn(command, k));
  if (missing !== undefined) return bad(400, 'BAD_ENVELOPE', `command.${missing} is required`);
  if (o.id !== undefined && command['id'] !== o.id) return bad(400, 'BAD_ENVELOPE', 'command.id must equal the id in the path');
  if (!verifyEnvelope(parsed.value, o.chainId)) return bad(401, 'BAD_SIGNATURE', `alert request of ${account}`);
  const n = BigInt(nonce);
  const skew = n > BigInt(Math.floor(o.nowMs)) ? n - BigInt(Math.floor(o.nowMs)) : BigInt(Math.floor(o.nowMs)) - n;
  if (skew > BigInt(alertRequestSkewMs))
    return bad(401, 'STALE_REQUEST', `nonce ${nonce.slice(0, 20)} is more than ${alertRequestSkewMs} ms from the server clock`);
  return { ok: true, value: { account, nonce: n, command } };
}

/**
 * Replay protection across requests: an account's alert-request nonce must exceed its last accepted one. With a
 * database the last nonce is stored (same transaction as the change it authorises, so a refused change leaves it
 * unused, and a restart keeps it); without one, `memory` holds it.
 */
export function requestNonceGuard(req: AlertRequest, memory: Map<string, bigint>): RequestGuard {
  return async (tx: SqlRunner | null) => {
    const replay = (): never => {
      throw new StakemeshFailure('REQUEST_REPLAYED', `nonce ${req.nonce} of ${req.account}`);
    };
    if (tx) {
      if (!(await alertStore.claimRequestNonce(tx, req.account, req.nonce))) replay();
      return;
    }
    const last = memory.get(req.account);
    if (last !== undefined && req.nonce <= last) replay();
    memory.set(req.account, req.nonce);
  };
}
