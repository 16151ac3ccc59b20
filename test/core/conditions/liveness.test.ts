import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyInPlace } from '../../../src/core/apply.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import type { LedgerState } from '../../../src/core/state/state.js';
import { assertAllOk, attesters, baseLog, livenessEvidence, run, signer, submit } from './fixture.js';

function outcome(state: LedgerState, cmd: unknown): Record<string, unknown> {
  const o = applyInPlace(state, cmd);
  return o.ok ? { status: 'ok', ...o.fields } : { status: o.error.code, message: o.error.message };
}

function fresh(): LedgerState {
  const { state, results } = run(baseLog());
  assertAllOk(results);
  return state;
}

test('liveness: quorum attestation slashes; cooldown; the window cap cuts the second slash', () => {
  const state = fresh();
  const first = outcome(state, submit('live', livenessEvidence({ height: 5, missed: 4 })));
  assert.equal(first.status, 'ok', JSON.stringify(first));
  assert.equal(first.wad, '50000000000000000');
  assert.equal(first.capped, false);
  assert.equal(outcome(state, submit('live', livenessEvidence({ height: 6, missed: 4 }))).status, 'CONDITION_COOLDOWN');
  outcome(state, { type: 'advance', blocks: 5 });
  const second = outcome(state, submit('live', livenessEvidence({ height: 12, missed: 3, signers: [attesters[2]!, attesters[1]!] })));
  assert.equal(second.status, 'ok', JSON.stringify(second));
  assert.equal(second.wad, '30000000000000000'); // cap 0.08 − 0.05 used
  assert.equal(second.capped, true);
  outcome(state, { type: 'advance', blocks: 5 });
  assert.equal(outcome(state, submit('live', livenessEvidence({ height: 18, missed: 9 }))).status, 'CONDITION_CAP_REACHED');
  // the window slides: 100 blocks after the first slash the cap frees up
  outcome(state, { type: 'advance', blocks: 100 });
  assert.equal(outcome(state, submit('live', livenessEvidence({ height: 18, missed: 9 }))).status, 'ok');
  assert.equal(outcome(state, submit('live', livenessEvidence({ height: 18, missed: 10 }))).status, 'EVIDENCE_REPLAYED');
});

test('liveness: precise errors, nothing changes', () => {
  const state = fresh();
  const h = stateHash(state);
  const dup = livenessEvidence({ height: 5, missed: 4 });
  const cases: [unknown, string][] = [
    [livenessEvidence({ height: 5, missed: 2 }), 'EVIDENCE_NO_VIOLATION'],
    [livenessEvidence({ height: 5, missed: 4, tasks: 12 }), 'EVIDENCE_MISMATCH'],
    [livenessEvidence({ height: 5, missed: 4, signers: [attesters[0]!] }), 'EVIDENCE_QUORUM_NOT_MET'],
    [livenessEvidence({ height: 5, missed: 4, signers: [attesters[0]!, signer('ed25519', 'outsider')] }), 'EVIDENCE_UNKNOWN_ATTESTER'],
    [{ ...dup, signatures: [dup.signatures[0], dup.signatures[0]] }, 'EVIDENCE_MALFORMED'],
    [
      { ...dup, signatures: [dup.signatures[0], { ...dup.signatures[1], signature: dup.signatures[0]!.signature }] },
      'EVIDENCE_BAD_SIGNATURE',
    ],
    [livenessEvidence({ height: 5, missed: 11, tasks: 10 }), 'EVIDENCE_MALFORMED'],
    [livenessEvidence({ height: 500, missed: 4 }), 'EVIDENCE_FROM_FUTURE'],
    [livenessEvidence({ height: 5, missed: 4, operator: 'op2' }), 'EVIDENCE_WRONG_OPERATOR'],
    [{ ...dup, attestation: { ...dup.attestation, missed: 5 } }, 'EVIDENCE_BAD_SIGNATURE'],
  ];
  for (const [ev, code] of cases) assert.equal(outcome(state, submit('live', ev)).status, code, JSON.stringify(ev).slice(0, 300));
  assert.equal(stateHash(state), h);
});

test('liveness params are validated at attach', () => {
  const state = fresh();
  const base = { type: 'attachCondition', set: 's', kind: 'liveness', penalty: '0.1', cap: '0.1', windowBlocks: 10 };
  const att = [{ scheme: 'ed25519', publicKey: '00'.repeat(32) }];
  assert.equal(
    outcome(state, { ...base, condition: 'x', params: { k: 3, n: 2, attesters: att, threshold: 1 } }).status,
    'BAD_CONDITION_PARAMS',
  );
  assert.equal(
    outcome(state, { ...base, condition: 'x', params: { k: 1, n: 2, attesters: [], threshold: 1 } }).status,
    'BAD_CONDITION_PARAMS',
  );
  assert.equal(
    outcome(state, { ...base, condition: 'x', params: { k: 1, n: 2, attesters: att, threshold: 1, extra: 1 } }).status,
    'BAD_CONDITION_PARAMS',
  );
  assert.equal(outcome(state, { ...base, condition: 'x', kind: 'nope' }).status, 'UNKNOWN_CONDITION_KIND');
  assert.equal(outcome(state, { ...base, condition: 'ds', kind: 'doubleSign' }).status, 'CONDITION_EXISTS');
  assert.equal(outcome(state, { ...base, condition: 'y', kind: 'doubleSign', set: 'zzz' }).status, 'UNKNOWN_SET');
  assert.equal(outcome(state, { ...base, condition: 'y', kind: 'doubleSign', penalty: '0' }).status, 'BAD_WAD');
});
