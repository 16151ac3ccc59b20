import { readFileSync } from 'node:fs';
import { StakemeshFailure } from '../../errors/result.js';
import type { Account } from '../service/serviceApi.js';
import { ed25519PublicKeyHex } from './ed25519Node.js';
import { ethAddressOfSecretKey } from './ethSignature.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';

/** A secret key that signs envelopes: ed25519 → account `ed25519:<pub>`, secp256k1 → its Ethereum address. */
export interface SignerKey {
  readonly scheme: 'ed25519' | 'secp256k1';
  readonly secretKey: Uint8Array;
  readonly account: Account;
}

/** Most bytes of a key file. */
const keyFileBytesMax = 4096;

export function signerKeyOf(scheme: 'ed25519' | 'secp256k1', secretKeyHex: string): SignerKey {
  if (!/^[0-9a-fA-F]{64}$/.test(secretKeyHex)) throw new StakemeshFailure('BAD_KEY_FILE', 'secretKey must be 64 hex characters');
  const secretKey = Uint8Array.from(Buffer.from(secretKeyHex, 'hex'));
  if (scheme === 'ed25519') return { scheme, secretKey, account: `ed25519:${ed25519PublicKeyHex(secretKey)}` };
  if (!secp256k1.utils.isValidSecretKey(secretKey)) throw new StakemeshFailure('BAD_KEY_FILE', 'not a valid secp256k1 secret key');
  return { scheme, secretKey, account: ethAddressOfSecretKey(secretKey) };
}

/**
 * Reads the JSON `stakemesh keys generate --json` prints: { scheme, secretKey, publicKey }.
 * The account is derived from the secret key (publicKey is not trusted). Throws
 * StakemeshFailure(BAD_KEY_FILE) on anything else.
 */
export function parseKeyFile(text: string): SignerKey {
  if (text.length > keyFileBytesMax) throw new StakemeshFailure('BAD_KEY_FILE', `larger than ${keyFileBytesMax} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new StakemeshFailure('BAD_KEY_FILE', 'not JSON');
  }
  const o = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const scheme = o['scheme'];
  if (scheme !== 'ed25519' && scheme !== 'secp256k1') throw new StakemeshFailure('BAD_KEY_FILE', 'scheme must be ed25519 or secp256k1');
  if (typeof o['secretKey'] !== 'string') throw new StakemeshFailure('BAD_KEY_FILE', 'secretKey is missing');
  return signerKeyOf(scheme, o['secretKey']);
}

export function loadKeyFile(path: string): SignerKey {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new StakemeshFailure('BAD_KEY_FILE', `${path}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  return parseKeyFile(text);
}

/** The key file text for a signer (same shape as `keys generate --json`). */
export function keyFileText(key: SignerKey): string {
  const publicKey = key.scheme === 'ed25519' ? key.account.slice('ed25519:'.length) : Buffer.from(secp256k1.getPublicKey(key.secretKey, true)).toString('hex');
  return `${JSON.stringify({ scheme: key.scheme, secretKey: Buffer.from(key.secretKey).toString('hex'), publicKey }, null, 2)}\n`;
}
