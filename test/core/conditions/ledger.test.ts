import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInvariants } from '../../../src/core/invariants/checkInvariants.js';
import { runLog } from '../../../src/core/runLog.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { attesterParams, baseLog, dsPiece, livenessEvidence, submit } from './fixture.js';

const ds = (height: number) => ({ messages: [dsPiece({ height, payload: [1] }), dsPiece({ height, payload: [2] })] });

test('veto-mode set: valid evidence files a request, the resolver can veto it, and the evidence stays used', () => {
  const log = baseLog().map((c) =>
    (c as { type: string }).type === 'createOperatorSet'
      ? { ...(c as object), slashingMode: 'veto', vetoWindowBlocks: 5, resolver: 'council' }
      : c,
  );
  const { state, results } = runLog([...log, submit('ds', ds(5))]);
  assert.ok(
    results.every((r) => r.status === 'ok'),
    JSON.stringify(results.filter((r) => r.status !== 'ok')),
  );
  const requestId = results[results.length - 1]!.request;
  assert.equal(typeof requestId, 'string');
  const after = runLog([{ type: 'vetoSlash', request: requestId, caller: 'council' }, submit('ds', ds(5)), submit('ds', ds(6))], { state });
  assert.deepEqual(
    after.results.map((r) => r.status),
    ['ok', 'EVIDENCE_REPLAYED', 'ok'],
  );
  assert.deepEqual(checkInvariants(state), []);
});

test('no retroactive slashing: evidence from before the condition was attached is refused', () => {
  const { state, results } = runLog([
    ...baseLog(),
    { type: 'attachCondition', set: 's', condition: 'late', kind: 'doubleSign', penalty: '0.1', cap: '0.1', windowBlocks: 10 },
    { type: 'advance', blocks: 3 },
    submit('late', ds(5)),
    submit('late', ds(12)),
  ]);
  assert.deepEqual(
    results.slice(-2).map((r) => r.status),
    ['EVIDENCE_BEFORE_CONDITION', 'ok'],
  );
  assert.ok(state.conditions.evidence.size === 1);
});

test('a failed slash (operator not slashable) consumes nothing; replaying the log gives the same hash', () => {
  const log = [
    ...baseLog(),
    { type: 'deregisterFromOperatorSet', operator: 'op1', set: 's' },
    { type: 'advance', blocks: 200_000 },
    submit('ds', ds(5)),
    submit('live', livenessEvidence({ height: 5, missed: 4, operator: 'op2' }), 'op2'),
    {
      type: 'attachCondition',
      set: 's',
      condition: 'l2',
      kind: 'liveness',
      penalty: '0.1',
      cap: '0.1',
      windowBlocks: 1,
      params: { k: 1, n: 10, attesters: attesterParams, threshold: 2 },
    },
  ];
  const a = runLog(log);
  const statuses = a.results.slice(-3).map((r) => r.status);
  assert.deepEqual(statuses, ['NOT_SLASHABLE', 'ok', 'ok']);
  assert.equal(a.state.conditions.evidence.size, 1);
  assert.equal(stateHash(runLog(log).state), stateHash(a.state));
});
