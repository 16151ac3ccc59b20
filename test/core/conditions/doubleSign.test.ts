import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyInPlace } from '../../../src/core/apply.js';
import { checkInvariants } from '../../../src/core/invariants/checkInvariants.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { LedgerState } from '../../../src/core/state/state.js';
import { assertAllOk, baseLog, dsPiece, opKeySecp, run, signer, submit } from './fixture.js';

function outcome(state: LedgerState, cmd: unknown) {
  const o = applyInPlace(state, cmd);
  return o.ok ? { status: 'ok', ...o.fields } : { status: o.error.code, message: o.error.message };
}

function fresh(): LedgerState {
  const { state, results } = run(baseLog());
  assertAllOk(results);
  return state;
}

const shares = (s: LedgerState, op: string) => s.operators.get(op)?.vaults.get('v')?.shares ?? -1n;
const maxMag = (s: LedgerState, op: string) => s.operators.get(op)?.vaults.get('v')?.maxMagnitude ?? -1n;

test('a double sign slashes once; re-orderings, re-encodings and further conflicts of the same slot are replays', () => {
  const state = fresh();
  const a = dsPiece({ height: 5, payload: [1] });
  const b = dsPiece({ height: 5, payload: [2] });
  const before = shares(state, 'op1');
  const r = outcome(state, submit('ds', { messages: [a, b] }));
  assert.equal(r.status, 'ok', JSON.stringify(r));
  assert.equal((r as Record<string, unknown>).wad, '100000000000000000');
  assert.equal(maxMag(state, 'op1'), 10n ** 18n - 5n * 10n ** 16n); // 0.1 of a 0.5 allocation
  assert.ok(shares(state, 'op1') < before);
  assert.deepEqual(checkInvariants(state), []);
  const h = stateHash(state);
  const encA = dsPiece({ height: 5, payload: [1], encoded: true });
  const upper = { ...b, payload: String(b.payload).toUpperCase(), signature: '0x' + String(b.signature) };
  for (const ev of [
    { messages: [a, b] },
    { messages: [b, a] },
    { messages: [encA, upper] },
    { messages: [a, dsPiece({ height: 5, payload: [3] })] },
  ]) {
    assert.equal(outcome(state, submit('ds', ev)).status, 'EVIDENCE_REPLAYED');
  }
  assert.equal(stateHash(state), h);
});

test('precise errors for evidence that proves nothing; state unchanged', () => {
  const state = fresh();
  const h = stateHash(state);
  const cases: [unknown, string][] = [
    [{ messages: [dsPiece({ height: 5, payload: [1] }), dsPiece({ height: 5, payload: [1] })] }, 'EVIDENCE_SAME_PAYLOAD'],
    [{ messages: [dsPiece({ height: 5, payload: [1] }), dsPiece({ height: 6, payload: [2] })] }, 'EVIDENCE_DIFFERENT_SLOT'],
    [{ messages: [dsPiece({ height: 5, payload: [1] }), dsPiece({ height: 5, round: 1, payload: [2] })] }, 'EVIDENCE_DIFFERENT_SLOT'],
    [{ messages: [dsPiece({ height: 5, payload: [1], set: 't' }), dsPiece({ height: 5, payload: [2], set: 't' })] }, 'EVIDENCE_WRONG_SET'],
    [
      { messages: [dsPiece({ height: 5, payload: [1], operator: 'op2' }), dsPiece({ height: 5, payload: [2], operator: 'op2' })] },
      'EVIDENCE_WRONG_OPERATOR',
    ],
    [
      { messages: [dsPiece({ height: 5, payload: [1] }), dsPiece({ height: 5, payload: [2], key: signer('ed25519', 'forger') })] },
      'EVIDENCE_BAD_SIGNATURE',
    ],
    [
      { messages: [dsPiece({ height: 5, payload: [1], key: opKeySecp }), dsPiece({ height: 5, payload: [2], key: opKeySecp })] },
      'EVIDENCE_BAD_SIGNATURE',
    ],
    [{ messages: [dsPiece({ height: 10_000, payload: [1] }), dsPiece({ height: 10_000, payload: [2] })] }, 'EVIDENCE_FROM_FUTURE'],
    [{ messages: [dsPiece({ height: 5, payload: [1] })] }, 'EVIDENCE_MALFORMED'],
    [{ messages: 'nope' }, 'EVIDENCE_MALFORMED'],
    [{ messages: [1, 2, 3] }, 'EVIDENCE_TOO_LARGE'],
    [
      { messages: [dsPiece({ height: 5, payload: [1] }), dsPiece({ height: 5, payload: [2] })], padding: 'x'.repeat(70_000) },
      'EVIDENCE_TOO_LARGE',
    ],
    [
      { messages: [dsPiece({ height: 5, payload: [1] }), { ...dsPiece({ height: 5, payload: [2] }), payload: 'ab'.repeat(4097) }] },
      'EVIDENCE_TOO_LARGE',
    ],
    [
      { messages: [dsPiece({ height: 5, payload: [1] }), { ...dsPiece({ height: 5, payload: [2] }), height: 2 ** 53 }] },
      'EVIDENCE_MALFORMED',
    ],
    [null, 'EVIDENCE_MALFORMED'],
    [
      { messages: [dsPiece({ height: 5, payload: [1] }), { ...dsPiece({ height: 5, payload: [2] }), signature: 'ab' }] },
      'EVIDENCE_MALFORMED',
    ],
  ];
  for (const [ev, code] of cases) assert.equal(outcome(state, submit('ds', ev)).status, code, JSON.stringify(ev).slice(0, 200));
  assert.equal(outcome(state, submit('nope', {})).status, 'UNKNOWN_CONDITION');
  assert.equal(outcome(state, { type: 'submitEvidence', set: 's', condition: 'ds', operator: 'op1' }).status, 'BAD_FIELD');
  assert.equal(stateHash(state), h);
});

test('secp256k1 operator key: valid double sign slashes, high-S twin of a signature is refused', () => {
  const state = fresh();
  const a = dsPiece({ height: 7, payload: [9], operator: 'op2', key: opKeySecp });
  const b = dsPiece({ height: 7, payload: [8], operator: 'op2', key: opKeySecp });
  const sig = secp256k1.Signature.fromBytes(Buffer.from(String(b.signature), 'hex'));
  const n = secp256k1.Point.CURVE().n;
  const highS = Buffer.from(new secp256k1.Signature(sig.r, n - sig.s).toBytes()).toString('hex');
  assert.equal(outcome(state, submit('ds', { messages: [a, { ...b, signature: highS }] }, 'op2')).status, 'EVIDENCE_BAD_SIGNATURE');
  assert.equal(outcome(state, submit('ds', { messages: [a, b] }, 'op2')).status, 'ok');
  assert.equal(outcome(state, submit('ds', { messages: [a, b] }, 'op2')).status, 'EVIDENCE_REPLAYED');
});

test('cap per window limits repeated double signs', () => {
  const state = fresh();
  const wads: string[] = [];
  for (let h = 1; h <= 7; h++) {
    const r = outcome(state, submit('ds', { messages: [dsPiece({ height: h, payload: [1] }), dsPiece({ height: h, payload: [2] })] }));
    wads.push(r.status === 'ok' ? String((r as Record<string, unknown>).wad) : r.status);
  }
  const tenth = '100000000000000000';
  assert.deepEqual(wads, [tenth, tenth, tenth, tenth, tenth, 'CONDITION_CAP_REACHED', 'CONDITION_CAP_REACHED']);
});
