import { createRequire } from 'node:module';

/**
 * Optional native signature libraries, loaded from prebuilt binaries shipped inside their npm
 * packages (no build step, no install script needed):
 * - `sodium-native` (libsodium): ed25519 verification, about 1.7× faster than OpenSSL here;
 * - `secp256k1` (bitcoin-core libsecp256k1): ECDSA verification, about 6× faster than OpenSSL's
 *   generic-curve code.
 * Either may be missing (a platform without a prebuild): the caller then uses node:crypto, and
 * verdicts are the same either way (every fast path is only trusted for a "valid" that the
 * reference verifier shares; see nativeVerify.ts). Loading reads no state and has no effect on
 * results, so core stays deterministic.
 */
export interface SodiumAddon {
  crypto_sign_verify_detached(sig: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

export interface Secp256k1Addon {
  /** Throws on an unparsable signature (r or s ≥ n) or key; false on a failed check or high S. */
  ecdsaVerify(sig: Uint8Array, msg32: Uint8Array, publicKey: Uint8Array): boolean;
}

export interface NativeAddons {
  readonly sodium: SodiumAddon | null;
  readonly secp256k1: Secp256k1Addon | null;
}

let loaded: NativeAddons | undefined;

/** The addons that load on this machine (memoised: loading is tried once per process). */
export function nativeAddons(): NativeAddons {
  loaded ??= {
    sodium: tryLoad<SodiumAddon>('sodium-native', 'crypto_sign_verify_detached'),
    secp256k1: tryLoad<Secp256k1Addon>('secp256k1/bindings', 'ecdsaVerify'),
  };
  return loaded;
}

function tryLoad<T>(name: string, fn: string): T | null {
  try {
    const mod = createRequire(import.meta.url)(name) as Record<string, unknown>;
    return typeof mod[fn] === 'function' ? (mod as T) : null;
  } catch {
    return null;
  }
}
