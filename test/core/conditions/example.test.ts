import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkInvariants } from '../../../src/core/invariants/checkInvariants.js';
import { parseLog } from '../../../src/core/log/parseLog.js';
import { runLog } from '../../../src/core/runLog.js';

test('examples/conditions.yaml: double sign caught, replay and forgery refused, liveness capped by its window', () => {
  const parsed = parseLog(readFileSync('examples/conditions.yaml', 'utf8'));
  if (!parsed.ok) assert.fail(parsed.error.message);
  const { state, results } = runLog(parsed.value.commands);
  const evidence = results.filter((r) => r.type === 'submitEvidence').map((r) => [r.status, r.wad ?? null, r.capped ?? null]);
  assert.deepEqual(evidence, [
    ['ok', '250000000000000000', false],
    ['EVIDENCE_REPLAYED', null, null],
    ['EVIDENCE_BAD_SIGNATURE', null, null],
    ['ok', '50000000000000000', false],
    ['ok', '40000000000000000', false],
    ['ok', '20000000000000000', true],
    ['CONDITION_CAP_REACHED', null, null],
  ]);
  assert.ok(results.filter((r) => r.type !== 'submitEvidence').every((r) => r.status === 'ok'));
  assert.deepEqual(checkInvariants(state), []);
});
