import { hashTypedData } from 'viem';

/** The bytes an ed25519 account signs: UTF-8 of `stakemesh:v1:<chainId>:` + JCS({ account, nonce, command }). */
export function ed25519Message(chainId: number, signedJcs: string): Buffer {
  return Buffer.from(`stakemesh:v1:${chainId}:${signedJcs}`, 'utf8');
}

export const eip712Types = {
  Command: [
    { name: 'account', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'command', type: 'string' },
  ],
} as const;

export function eip712Domain(chainId: number): { name: 'stakemesh'; version: '1'; chainId: number } {
  return { name: 'stakemesh', version: '1', chainId };
}

/** The EIP-712 digest an Ethereum account signs (SPEC §9), 32 bytes. */
export function eip712Digest(chainId: number, account: string, nonce: string, commandJcs: string): Uint8Array {
  const hex = hashTypedData({
    domain: eip712Domain(chainId),
    types: eip712Types,
    primaryType: 'Command',
    message: { account, nonce: BigInt(nonce), command: commandJcs },
  });
  return Buffer.from(hex.slice(2), 'hex');
}
