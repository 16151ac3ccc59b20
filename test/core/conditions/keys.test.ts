import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyInPlace } from '../../../src/core/apply.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { signPiece } from '../../../src/core/conditions/buildEvidence.js';
import { doubleSignCodec } from '../../../src/core/conditions/encoding.js';
import fc from 'fast-check';
import { keyAt, registerOperatorKey, rotateOperatorKey } from '../../../src/core/conditions/keyRegistry.js';
import { createConditionState } from '../../../src/core/conditions/conditionState.js';
import { publicKeyOf } from '../../../src/core/conditions/signatures.js';
import type { LedgerState } from '../../../src/core/state/state.js';
import { assertAllOk, baseLog, keyCommand, opKey, run, signer } from './fixture.js';

function status(state: LedgerState, cmd: unknown): string {
  const o = applyInPlace(state, cmd);
  return o.ok ? 'ok' : o.error.code;
}

function doubleSign(set: string, height: number, s = opKey) {
  const m = (p: number) => signPiece(doubleSignCodec, { set, operator: 'op1', height, round: 0, payload: new Uint8Array([p]) }, s);
  return { type: 'submitEvidence', set, condition: 'ds', operator: 'op1', evidence: { messages: [m(1), m(2)] } };
}

test('register: one key per operator, keys unique, points validated', () => {
  const { state, results } = run(baseLog());
  assertAllOk(results);
  const other = signer('ed25519', 'other');
  const pk = publicKeyOf('ed25519', other.secretKey);
  assert.equal(status(state, keyCommand('registerKey', 'op1', other)), 'KEY_EXISTS');
  assert.equal(status(state, keyCommand('registerKey', 'nobody', other)), 'UNKNOWN_OPERATOR');
  // proof of possession: missing, by another key, or for another operator
  assert.equal(status(state, { type: 'rotateKey', operator: 'op1', scheme: 'ed25519', publicKey: pk }), 'BAD_FIELD');
  assert.equal(status(state, { ...keyCommand('rotateKey', 'op1', signer('ed25519', 'thief')), publicKey: pk }), 'KEY_PROOF_INVALID');
  assert.equal(status(state, { ...keyCommand('rotateKey', 'op2', other), operator: 'op1' }), 'KEY_PROOF_INVALID');
  assert.equal(status(state, keyCommand('rotateKey', 'op1', other)), 'ok');
  assert.equal(status(state, { type: 'registerKey', operator: 'op1', scheme: 'rsa', publicKey: pk }), 'UNKNOWN_SCHEME');
  assert.equal(status(state, { type: 'registerKey', operator: 'op1', scheme: 'secp256k1', publicKey: pk }), 'BAD_PUBLIC_KEY');
  assert.equal(status(state, { type: 'registerKey', operator: 'op1', scheme: 'ed25519', publicKey: 'ff'.repeat(32) }), 'BAD_PUBLIC_KEY');
  assert.equal(status(state, { type: 'registerKey', operator: 'op1', scheme: 'ed25519', publicKey: '00'.repeat(32) }), 'BAD_PUBLIC_KEY');
  assert.equal(status(state, keyCommand('rotateKey', 'op2', opKey)), 'KEY_IN_USE');
  assert.equal(status(state, { type: 'configureConditions', keyRotationDelayBlocks: 5 }), 'KEYS_ALREADY_REGISTERED');
});

test('rotation takes effect after keyRotationDelayBlocks; evidence uses the key valid at the signed height', () => {
  const { state, results } = run(baseLog());
  assertAllOk(results);
  const next = signer('ed25519', 'op1-next');
  const rotatedAt = state.block;
  assert.equal(status(state, keyCommand('rotateKey', 'op1', next)), 'ok');
  assert.equal(status(state, keyCommand('rotateKey', 'op1', signer('ed25519', 'x'))), 'KEY_ROTATION_PENDING');
  assert.equal(keyAt(state.conditions, 'op1', rotatedAt + 99)?.publicKey, publicKeyOf('ed25519', opKey.secretKey));
  assert.equal(keyAt(state.conditions, 'op1', rotatedAt + 100)?.publicKey, publicKeyOf('ed25519', next.secretKey));
  assert.equal(status(state, { type: 'advance', blocks: 150 }), 'ok');
  const before = stateHash(state);
  // new key signing at a height where the old key was valid: not the operator's key then
  assert.equal(status(state, doubleSign('s', rotatedAt + 50, next)), 'EVIDENCE_BAD_SIGNATURE');
  // old key signing after the new one took effect
  assert.equal(status(state, doubleSign('s', rotatedAt + 120, opKey)), 'EVIDENCE_BAD_SIGNATURE');
  // before the first key existed
  assert.equal(status(state, doubleSign('s', 0, opKey)), 'EVIDENCE_NO_KEY_AT_HEIGHT');
  assert.equal(stateHash(state), before);
  assert.equal(status(state, doubleSign('s', rotatedAt + 50, opKey)), 'ok');
  assert.equal(status(state, doubleSign('s', rotatedAt + 120, next)), 'ok');
});

test('keyRotationDelayBlocks 0: a double sign at the rotation block is judged by the old key and slashed', () => {
  const log = baseLog().map((c) =>
    (c as { type: string }).type === 'configureConditions' ? { type: 'configureConditions', keyRotationDelayBlocks: 0 } : c,
  );
  const { state, results } = run(log);
  assertAllOk(results);
  assert.equal(status(state, { type: 'advance', blocks: 5 }), 'ok');
  const at = state.block;
  const next = signer('ed25519', 'op1-escape');
  // the operator signs twice at the current height, then rotates its key in the same block
  const evidence = doubleSign('s', at, opKey);
  assert.equal(status(state, keyCommand('rotateKey', 'op1', next)), 'ok');
  assert.equal(keyAt(state.conditions, 'op1', at)?.publicKey, publicKeyOf('ed25519', opKey.secretKey));
  assert.equal(keyAt(state.conditions, 'op1', at + 1)?.publicKey, publicKeyOf('ed25519', next.secretKey));
  assert.equal(status(state, evidence), 'ok');
  // the new key cannot be used to frame the old height either
  assert.equal(status(state, { type: 'advance', blocks: 1 }), 'ok');
  assert.equal(status(state, doubleSign('s', at, next)), 'EVIDENCE_BAD_SIGNATURE');
});

test('rotation to another scheme: secp256k1 evidence verifies once the new key is in effect', () => {
  const { state, results } = run(baseLog());
  assertAllOk(results);
  const next = signer('secp256k1', 'op1-secp');
  const at = state.block;
  assert.equal(status(state, keyCommand('rotateKey', 'op1', next)), 'ok');
  assert.equal(status(state, doubleSign('s', at + 100, next)), 'EVIDENCE_FROM_FUTURE');
  assert.equal(status(state, { type: 'advance', blocks: 100 }), 'ok');
  assert.equal(status(state, doubleSign('s', at + 100, next)), 'ok');
  assert.equal(status(state, keyCommand('rotateKey', 'op1', opKey)), 'KEY_IN_USE');
});

test('property: keyAt agrees with a model of rotation schedules', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 50 }),
      fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 6 }),
      fc.array(fc.integer({ min: 0, max: 600 }), { minLength: 1, maxLength: 10 }),
      (delay, gaps, probes) => {
        const cs = createConditionState(delay);
        const epochs: { from: number; pk: string }[] = [];
        let block = 5;
        const pk = (i: number) => i.toString(16).padStart(64, '0');
        assert.ok(registerOperatorKey(cs, block, 'op', 'ed25519', pk(0)).ok);
        epochs.push({ from: block, pk: pk(0) });
        gaps.forEach((gap, i) => {
          block += gap;
          const r = rotateOperatorKey(cs, block, 'op', 'ed25519', pk(i + 1));
          const pending = epochs[epochs.length - 1]!.from > block;
          assert.equal(r.ok, !pending);
          // heights at or before the rotation block stay with the old key, whatever the delay
          if (r.ok) epochs.push({ from: Math.max(block + delay, block + 1), pk: pk(i + 1) });
        });
        for (const h of probes) {
          const expected = [...epochs].reverse().find((e) => e.from <= h)?.pk ?? null;
          assert.equal(keyAt(cs, 'op', h)?.publicKey ?? null, expected);
        }
      },
    ),
    { numRuns: 200, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
  );
});
