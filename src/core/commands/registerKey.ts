import { ok } from '../../errors/result.js';
import { defineCommand } from '../log/commandSpec.js';
import { registerOperatorKey } from '../conditions/keyRegistry.js';
import { hexField } from '../conditions/evidenceFields.js';
import { checkKeyProof } from '../conditions/keyProof.js';
import { normalizePublicKey, parseScheme, signatureBytes, type Scheme } from '../conditions/signatures.js';
import { StakemeshFailure } from '../../errors/result.js';
import { getOperator } from '../state/entities.js';
import { reqId, type Raw } from '../log/fields.js';

export interface KeyCommand {
  operator: string;
  scheme: Scheme;
  /** Canonical lower-case hex. */
  publicKey: string;
  /** Proof of possession: signature of the keyProof message by the new key. */
  proof: Uint8Array;
}

export function parseKeyCommand(raw: Raw): KeyCommand {
  const scheme = parseScheme(raw['scheme']);
  const operator = reqId(raw, 'operator');
  const publicKey = normalizePublicKey(scheme, raw['publicKey']);
  const proof = hexField(raw['proof'], 'proof', { exact: signatureBytes }, 'BAD_FIELD');
  if (!checkKeyProof(operator, scheme, publicKey, proof)) throw new StakemeshFailure('KEY_PROOF_INVALID', `${scheme} key for ${operator}`);
  return { operator, scheme, publicKey, proof };
}

/**
 * An operator's first evidence-signing key (ed25519 or secp256k1), valid from the current block.
 * `proof` (hex) is the key's signature of the keyProof message (docs/conditions.md).
 */
export const registerKey = defineCommand<KeyCommand>({
  type: 'registerKey',
  parse: parseKeyCommand,
  execute(state, c) {
    getOperator(state, c.operator);
    const r = registerOperatorKey(state.conditions, state.block, c.operator, c.scheme, c.publicKey);
    if (!r.ok) return r;
    return ok({ operator: c.operator, scheme: c.scheme, publicKey: c.publicKey, fromBlock: r.value.fromBlock });
  },
});
