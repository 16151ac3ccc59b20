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

/** Checks the syntax of SPEC §9 (code BAD_ENVELOPE on failure); never throws. */
export function parseEnvelope(raw: unknown): EnvelopeCheck {
  const bad = (message: string): EnvelopeCheck => ({ ok: false, message });
  if (!isPlainObject(raw)) return bad('an envelope is a JSON object');
  const keys = Object.keys(raw).sort();
  if (keys.length !== envelopeKeys.length || keys.some((k, i) => k !== envelopeKeys[i])) {
    return bad('an envelope has exactly the fields account, nonce, command, signature');
  }
  const { account, nonce, command, signature } = raw;
  if (typeof account !== 'string') return bad('account must be a string');
  const kind = accountKind(account);
  if (kind === null) return bad('account is ed25519:<64 lower-case hex> or a lower-case Ethereum address 0x<40 hex>');
  if (typeof nonce !== 'string' || nonce.length > nonceDigitsMax || !noncePattern.test(nonce)) {
    return bad(`nonce is a decimal string without leading zeros, 1 to ${nonceDigitsMax} digits`);
  }
  if (!isPlainObject(command)) return bad('command must be a JSON object');
  const type = command['type'];
  if (typeof type !== 'string' || type.length === 0 || type.length > commandTypeMax) return bad('command.type must be a short string');
  if (typeof signature !== 'string') return bad('signature must be a string');
  const sigOk = kind === 'ed25519' ? ed25519SignaturePattern.test(signature) : ethSignaturePattern.test(signature);
  if (!sigOk) return bad(kind === 'ed25519' ? 'signature is 128 lower-case hex characters' : 'signature is 0x and 130 lower-case hex characters');
  const commandJcs = jcs(command);
  if (commandJcs === null) return bad('command is not representable as JSON');
  if (Buffer.byteLength(commandJcs, 'utf8') > commandBytesMax) return bad(`command is larger than ${commandBytesMax} bytes`);
  const envelope: Envelope = { account, nonce, command: JSON.parse(commandJcs) as Envelope['command'], signature };
  const signedJcs = `{"account":${JSON.stringify(account)},"command":${commandJcs},"nonce":${JSON.stringify(nonce)}}`;
  const full = `{"account":${JSON.stringify(account)},"command":${commandJcs},"nonce":${JSON.stringify(nonce)},"signature":${JSON.stringify(signature)}}`;
  return { ok: true, value: { envelope, kind, commandJcs, signedJcs, jcs: full } };
}
