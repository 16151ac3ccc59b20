import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyInPlace } from '../../../src/core/apply.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { deviates } from '../../../src/core/conditions/verifiers/oracleDeviation.js';
import type { LedgerState } from '../../../src/core/state/state.js';
import { assertAllOk, attesters, baseLog, oracleEvidence, run, signer, submit } from './fixture.js';

function status(state: LedgerState, cmd: unknown): string {
  const o = applyInPlace(state, cmd);
  return o.ok ? 'ok' : o.error.code;
}

test('deviation threshold is exact', () => {
  assert.equal(deviates(101n, 100n, 100), false); // exactly 1% is within 100 bps
  assert.equal(deviates(10101n, 10000n, 100), true);
  assert.equal(deviates(99n, 100n, 100), false);
  assert.equal(deviates(1n, 0n, 100), true);
  assert.equal(deviates(0n, 0n, 0), false);
});

test('oracleDeviation: a deviating signed report slashes once; within tolerance and mismatches do not', () => {
  const { state, results } = run(baseLog());
  assertAllOk(results);
  const h = stateHash(state);
  const cases: [unknown, string][] = [
    [oracleEvidence({ round: 1, height: 5, report: 3030n, reference: 3000n }), 'EVIDENCE_NO_VIOLATION'],
    [oracleEvidence({ round: 1, height: 5, report: 3500n, reference: 3000n, refRound: 2 }), 'EVIDENCE_MISMATCH'],
    [oracleEvidence({ round: 1, height: 5, report: 3500n, reference: 3000n, key: signer('ed25519', 'forger') }), 'EVIDENCE_BAD_SIGNATURE'],
    [oracleEvidence({ round: 1, height: 5, report: 3500n, reference: 3000n, signers: [attesters[0]!] }), 'EVIDENCE_QUORUM_NOT_MET'],
    [oracleEvidence({ round: 1, height: 50, report: 3500n, reference: 3000n }), 'EVIDENCE_FROM_FUTURE'],
  ];
  for (const [ev, code] of cases) assert.equal(status(state, submit('oracle', ev)), code);
  assert.equal(stateHash(state), h);
  assert.equal(status(state, submit('oracle', oracleEvidence({ round: 1, height: 5, report: 3500n, reference: 3000n }))), 'ok');
  // a different report for the same (feed, round) is the same offence
  assert.equal(
    status(state, submit('oracle', oracleEvidence({ round: 1, height: 6, report: 2000n, reference: 3000n }))),
    'EVIDENCE_REPLAYED',
  );
  assert.equal(status(state, submit('oracle', oracleEvidence({ round: 2, height: 6, report: 2000n, reference: 3000n }))), 'ok');
});
