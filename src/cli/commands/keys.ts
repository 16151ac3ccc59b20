import type { Command } from 'commander';
import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hexField, idField, toHex } from '../../core/conditions/evidenceFields.js';
import { proveKey } from '../../core/conditions/keyProof.js';
import { readSigner } from './evidence.js';
import { parseScheme, publicKeyOf, secretKeyFromSeed, type Scheme } from '../../core/conditions/signatures.js';
import { StakemeshFailure } from '../../errors/result.js';
import { exitWithError } from '../fail.js';
import { writeStdout } from '../output.js';

/** Most seed bytes accepted by `keys generate --seed`. */
const seedBytesMax = 1024;

export function generateKey(scheme: Scheme, seedHex?: string): { scheme: Scheme; secretKey: string; publicKey: string } {
  const secretKey =
    seedHex !== undefined
      ? secretKeyFromSeed(scheme, hexField(seedHex, '--seed', { max: seedBytesMax }, 'BAD_FIELD'))
      : scheme === 'ed25519'
        ? ed25519.utils.randomSecretKey()
        : secp256k1.utils.randomSecretKey();
  return { scheme, secretKey: toHex(secretKey), publicKey: publicKeyOf(scheme, secretKey) };
}

/** `stakemesh keys generate --scheme ed25519|secp256k1 [--seed hex] [--json]`: an evidence-signing key pair. */
export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('signing keys for programmable slashing conditions (SPEC §3.5)');
  keys
    .command('generate')
    .description('generate a key pair (deterministic with --seed: sha256("stakemesh/v1/keygen", scheme, seed))')
    .requiredOption('--scheme <scheme>', 'ed25519 | secp256k1')
    .option('--seed <hex>', 'derive the key from this seed (demos and tests only)')
    .option('--json', 'print { scheme, secretKey, publicKey } as JSON')
    .action((opts: { scheme: string; seed?: string; json?: boolean }) => {
      try {
        const k = generateKey(parseScheme(opts.scheme), opts.seed);
        const text = opts.json
          ? JSON.stringify(k, null, 2)
          : `scheme     ${k.scheme}\nsecretKey  ${k.secretKey}\npublicKey  ${k.publicKey}`;
        writeStdout(`${text}\n`);
      } catch (e) {
        if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
        throw e;
      }
    });
  keys
    .command('prove')
    .description('print a registerKey (or rotateKey) command with its proof of possession')
    .requiredOption('--operator <id>', 'the operator registering the key')
    .requiredOption('--key <key>', 'scheme:secretHex or a key file from `keys generate --json`')
    .option('--rotate', 'print a rotateKey command instead of registerKey')
    .action((opts: { operator: string; key: string; rotate?: boolean }) => {
      try {
        const operator = idField(opts.operator, '--operator', 'BAD_ID');
        const command = { type: opts.rotate ? 'rotateKey' : 'registerKey', operator, ...proveKey(operator, readSigner(opts.key)) };
        writeStdout(`${JSON.stringify(command, null, 2)}\n`);
      } catch (e) {
        if (e instanceof StakemeshFailure) exitWithError(e.code, e.message);
        throw e;
      }
    });
}
