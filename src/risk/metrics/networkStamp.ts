import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { networkJson } from '../networkJson.js';
import type { Network } from '../network.js';
import type { Stamp } from './figure.js';

/** Stamp of a network read from a file (no ledger): block and seq 0, stateHash = SHA-256 of its canonical JSON. */
export function networkStamp(network: Network): Stamp {
  return { block: 0, seq: 0, stateHash: bytesToHex(sha256(new TextEncoder().encode(JSON.stringify(networkJson(network))))) };
}
