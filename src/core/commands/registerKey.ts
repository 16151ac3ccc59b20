import { ok } from '../../errors/result.js';
import { defineCommand } from '../commandSpec.js';
import { registerOperatorKey } from '../conditions/keyRegistry.js';
import { normalizePublicKey, parseScheme, type Scheme } from '../conditions/signatures.js';
import { getOperator } from '../entities.js';
import { reqId, type Raw } from '../fields.js';

export interface KeyCommand {
  operator: string;
  scheme: Scheme;
  /** Canonical lower-case hex. */
  publicKey: string;
}

export function parseKeyCommand(raw: Raw): KeyCommand {
  const scheme = parseScheme(raw['scheme']);
  return { operator: reqId(raw, 'operator'), scheme, publicKey: normalizePublicKey(scheme, raw['publicKey']) };
}

/** An operator's first evidence-signing key (ed25519 or secp256k1), valid from the current block. */
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
