import { ed25519Message, eip712Digest } from './envelopeMessage.js';
import { verifyEd25519 } from './ed25519Node.js';
import { recoverEthAddress } from './ethSignature.js';
import type { ParsedEnvelope } from './parseEnvelope.js';

/** True when the envelope's signature is the account's, for this chain id (SPEC §9). */
export function verifyEnvelope(parsed: ParsedEnvelope, chainId: number): boolean {
  const { account, nonce, signature } = parsed.envelope;
  if (parsed.kind === 'ed25519') return verifyEd25519(account.slice('ed25519:'.length), ed25519Message(chainId, parsed.signedJcs), signature);
  return recoverEthAddress(eip712Digest(chainId, account, nonce, parsed.commandJcs), signature) === account;
}
