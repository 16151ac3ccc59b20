import { fail, ok, type Result } from '../../errors/result.js';
import { blockMax } from '../state/bounds.js';
import { keyEpochsMax } from './conditionBounds.js';
import type { ConditionState, KeyEpoch } from './conditionState.js';
import type { Scheme } from './signatures.js';

/** The key valid at `height`: the last epoch with fromBlock ≤ height, or null. */
export function keyAt(cs: ConditionState, operator: string, height: number): KeyEpoch | null {
  const epochs = cs.keys.get(operator);
  if (!epochs) return null;
  for (let i = epochs.length - 1; i >= 0; i--) {
    const e = epochs[i] as KeyEpoch;
    if (e.fromBlock <= height) return e;
  }
  return null;
}

function ownerKey(scheme: Scheme, publicKey: string): string {
  return `${scheme}:${publicKey}`;
}

/** First key of an operator, valid from the current block. `publicKey` is canonical hex. */
export function registerOperatorKey(
  cs: ConditionState,
  block: number,
  operator: string,
  scheme: Scheme,
  publicKey: string,
): Result<KeyEpoch> {
  if (cs.keys.has(operator)) return fail('KEY_EXISTS', operator);
  if (cs.keyOwners.has(ownerKey(scheme, publicKey))) return fail('KEY_IN_USE', `${scheme}:${publicKey}`);
  const epoch: KeyEpoch = { scheme, publicKey, fromBlock: block };
  cs.keys.set(operator, [epoch]);
  cs.keyOwners.set(ownerKey(scheme, publicKey), operator);
  return ok(epoch);
}

/**
 * Schedules a new key, valid from block + keyRotationDelayBlocks; the old key signs until then.
 * Heights at or before the rotation block are always judged by the old key, also with a delay of
 * 0 (the new key is then valid from the next block): otherwise an operator could sign twice at
 * the current height and rotate in the same block, and its old-key signatures would no longer
 * verify (EVIDENCE_BAD_SIGNATURE) — the offence would escape the slash.
 */
export function rotateOperatorKey(
  cs: ConditionState,
  block: number,
  operator: string,
  scheme: Scheme,
  publicKey: string,
): Result<KeyEpoch> {
  const epochs = cs.keys.get(operator);
  const last = epochs?.[epochs.length - 1];
  if (!epochs || !last) return fail('NO_KEY', operator);
  if (last.fromBlock > block) return fail('KEY_ROTATION_PENDING', `new key takes effect at block ${last.fromBlock}`);
  if (cs.keyOwners.has(ownerKey(scheme, publicKey))) return fail('KEY_IN_USE', `${scheme}:${publicKey}`);
  if (epochs.length >= keyEpochsMax) return fail('BOUND_EXCEEDED', `at most ${keyEpochsMax} keys per operator`);
  const fromBlock = block + Math.max(cs.keyRotationDelayBlocks, 1);
  if (fromBlock > blockMax) return fail('BLOCK_OVERFLOW', `rotation would take effect after block ${blockMax}`);
  const epoch: KeyEpoch = { scheme, publicKey, fromBlock };
  epochs.push(epoch);
  cs.keyOwners.set(ownerKey(scheme, publicKey), operator);
  return ok(epoch);
}
