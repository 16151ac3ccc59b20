import { fail, ok, StakemeshFailure, type Result } from '../../../errors/result.js';
import type { VerifyContext } from '../conditionKind.js';
import { asObject, hexField, type Json } from '../evidenceFields.js';
import { readMessage, type MessageCodec } from '../encoding.js';
import { signatureBytes, verifySignature, type Scheme } from '../signatures.js';

/** A message plus one signature, decoded from `{ message | fields…, signature }`. */
export interface SignedMessage<T> {
  readonly message: T;
  readonly bytes: Uint8Array;
  readonly signature: Uint8Array;
}

export function decodeSigned<T>(codec: MessageCodec<T>, v: unknown, what: string): SignedMessage<T> {
  const j = asObject(v, what);
  // message first, then the signature (the order of the checks, so of the errors); no object spread on the hot path
  const { message, bytes } = readMessage(codec, j);
  return { message, bytes, signature: hexField(j.signature, `${what}.signature`, { exact: signatureBytes }) };
}

/** Params objects of built-in kinds: a JSON object with only the listed keys. */
export function strictParams(raw: unknown, allowed: readonly string[]): Json {
  const p = raw === undefined ? {} : asObject(raw, 'params', 'BAD_CONDITION_PARAMS');
  for (const k of Object.keys(p)) {
    if (!allowed.includes(k)) throw new StakemeshFailure('BAD_CONDITION_PARAMS', `unknown parameter ${JSON.stringify(k).slice(0, 40)}`);
  }
  return p;
}

/** The accused operator signed `bytes` at `height` with the key valid then. */
export function checkOperatorSignature(ctx: VerifyContext, height: number, bytes: Uint8Array, sig: Uint8Array): Result<true> {
  const key = ctx.keyAt(ctx.operator, height);
  if (!key) return fail('EVIDENCE_NO_KEY_AT_HEIGHT', `${ctx.operator} at height ${height}`);
  if (!verifySignature(key.scheme as Scheme, key.publicKey, bytes, sig)) {
    return fail('EVIDENCE_BAD_SIGNATURE', `not signed by ${ctx.operator}'s key valid at height ${height}`);
  }
  return ok(true);
}

export function checkParties(ctx: VerifyContext, m: { readonly set: string; readonly operator?: string }): Result<true> {
  if (m.set !== ctx.set) return fail('EVIDENCE_WRONG_SET', `${m.set} instead of ${ctx.set}`);
  if (m.operator !== undefined && m.operator !== ctx.operator) {
    return fail('EVIDENCE_WRONG_OPERATOR', `${m.operator} instead of ${ctx.operator}`);
  }
  return ok(true);
}

export function checkHeight(ctx: VerifyContext, height: number): Result<true> {
  return height > ctx.block ? fail('EVIDENCE_FROM_FUTURE', `height ${height} > block ${ctx.block}`) : ok(true);
}
