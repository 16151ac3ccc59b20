/** Most bytes of a command's JCS text in one envelope. */
export const commandBytesMax = 64 * 1024;
/** Most decimal digits of a nonce (fits PostgreSQL BIGINT). */
export const nonceDigitsMax = 18;
/** Most characters of a command type. */
export const commandTypeMax = 64;

export const ed25519AccountPattern = /^ed25519:[0-9a-f]{64}$/;
export const ethAccountPattern = /^0x[0-9a-f]{40}$/;
export const ed25519SignaturePattern = /^[0-9a-f]{128}$/;
export const ethSignaturePattern = /^0x[0-9a-f]{130}$/;
export const noncePattern = /^[1-9][0-9]*$/;

export type AccountKind = 'ed25519' | 'eth';

export function accountKind(account: string): AccountKind | null {
  if (ed25519AccountPattern.test(account)) return 'ed25519';
  if (ethAccountPattern.test(account)) return 'eth';
  return null;
}
