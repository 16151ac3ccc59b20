import { jcs } from '../../store/jcs.js';
import type { Envelope } from '../service/serviceApi.js';
import {
  accountKind,
  commandBytesMax,
  commandTypeMax,
  ed25519SignaturePattern,
  ethSignaturePattern,
  nonceDigitsMax,
  noncePattern,
  type AccountKind,
} from './envelopeBounds.js';

/** A syntactically valid envelope plus the canonical texts its signature and hash cover. */
export interface ParsedEnvelope {
  readonly envelope: Envelope;
  readonly kind: AccountKind;
  /** JCS of the command (the EIP-712 `command` string). */
  readonly commandJcs: string;
  /** JCS of { account, nonce, command } (the ed25519 message after its prefix). */
  readonly signedJcs: string;
  /** JCS of the whole envelope (what the hash chain covers). */
  readonly jcs: string;
}

export type EnvelopeCheck = { readonly ok: true; readonly value: ParsedEnvelope } | { readonly ok: false; readonly message: string };

const envelopeKeys = ['account', 'command', 'nonce', 'signature'];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The signed part of an envelope, checked, with the canonical texts the signature covers. */
export interface UnsignedEnvelope {
  readonly account: string;
  readonly nonce: string;
  readonly command: Envelope['command'];
  readonly kind: NonNullable<ReturnType<typeof accountKind>>;
  readonly commandJcs: string;
  readonly signedJcs: string;
}

export type UnsignedCheck = { readonly ok: true; readonly value: UnsignedEnvelope } | { readonly ok: false; readonly message: string };

/** Checks account, nonce and command (what a signer signs); never throws. */
export function parseUnsigned(raw: { readonly account: unknown; readonly nonce: unknown; readonly command: unknown }): UnsignedCheck {
  const bad = (message: string): UnsignedCheck => ({ ok: false, message });
  const { account, nonce, command } = raw;
  if (typeof account !== 'string') return bad('account must be a string');
  const kind = accountKind(account);
  if (kind === null) return bad('account is ed25519:<64 lower-case hex> or a lower-case Ethereum address 0x<40 hex>');
  if (typeof nonce !== 'string' || nonce.length > nonceDigitsMax || !noncePattern.test(nonce)) {
    return bad(`nonce is a decimal string without leading zeros, 1 to ${nonceDigitsMax} digits`);
  }
  if (!isPlainObject(command)) return bad('command must be a JSON object');
  const type = command['type'];
  if (typeof type !== 'string' || type.length === 0 || type.length > commandTypeMax) return bad('command.type must be a short string');
  const commandJcs = jcs(command);
  if (commandJcs === null) return bad('command is not representable as JSON');
  if (Buffer.byteLength(commandJcs, 'utf8') > commandBytesMax) return bad(`command is larger than ${commandBytesMax} bytes`);
  const signedJcs = `{"account":${JSON.stringify(account)},"command":${commandJcs},"nonce":${JSON.stringify(nonce)}}`;
  return { ok: true, value: { account, nonce, command: JSON.parse(commandJcs) as Envelope['command'], kind, commandJcs, signedJcs } };
}

/** Checks the syntax of SPEC §9 (code BAD_ENVELOPE on failure); never throws. */
export function parseEnvelope(raw: unknown): EnvelopeCheck {
  const bad = (message: string): EnvelopeCheck => ({ ok: false, message });
  if (!isPlainObject(raw)) return bad('an envelope is a JSON object');
  const keys = Object.keys(raw).sort();
  if (keys.length !== envelopeKeys.length || keys.some((k, i) => k !== envelopeKeys[i])) {
    return bad('an envelope has exactly the fields account, nonce, command, signature');
  }
  const u = parseUnsigned({ account: raw['account'], nonce: raw['nonce'], command: raw['command'] });
  if (!u.ok) return u;
  const { account, nonce, kind, commandJcs, signedJcs } = u.value;
  const signature = raw['signature'];
  if (typeof signature !== 'string') return bad('signature must be a string');
  const sigOk = kind === 'ed25519' ? ed25519SignaturePattern.test(signature) : ethSignaturePattern.test(signature);
  if (!sigOk)
    return bad(kind === 'ed25519' ? 'signature is 128 lower-case hex characters' : 'signature is 0x and 130 lower-case hex characters');
  const envelope: Envelope = { account, nonce, command: u.value.command, signature };
  const full = `{"account":${JSON.stringify(account)},"command":${commandJcs},"nonce":${JSON.stringify(nonce)},"signature":${JSON.stringify(signature)}}`;
  return { ok: true, value: { envelope, kind, commandJcs, signedJcs, jcs: full } };
}
