import { StakemeshFailure } from '../../errors/result.js';
import type { Envelope } from '../service/serviceApi.js';
import { signEd25519 } from './ed25519Node.js';
import { ed25519Message, eip712Digest } from './envelopeMessage.js';
import { signEthDigest } from './ethSignature.js';
import { parseUnsigned } from './parseEnvelope.js';
import type { SignerKey } from './signerKey.js';

export interface SignOptions {
  readonly key: SignerKey;
  readonly chainId: number;
  /** Decimal string or a positive integer. */
  readonly nonce: string | number | bigint;
  readonly command: Envelope['command'];
}

/** Builds and signs an envelope for `key`'s account (ed25519 message or EIP-712, SPEC §9). */
export function signEnvelope(o: SignOptions): Envelope {
  const parsed = parseUnsigned({ account: o.key.account, nonce: String(o.nonce), command: o.command });
  if (!parsed.ok) throw new StakemeshFailure('BAD_ENVELOPE', parsed.message);
  const p = parsed.value;
  const signature =
    o.key.scheme === 'ed25519'
      ? signEd25519(o.key.secretKey, ed25519Message(o.chainId, p.signedJcs))
      : signEthDigest(o.key.secretKey, eip712Digest(o.chainId, p.account, p.nonce, p.commandJcs));
  return { account: p.account, nonce: p.nonce, command: p.command, signature };
}
