import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCommandRegistry } from '../../../src/core/commandRegistry.js';
import { runLog } from '../../../src/core/runLog.js';
import { createConditionCommands } from '../../../src/core/conditions/conditionCommands.js';
import { createConditionRegistry, defaultConditionRegistry } from '../../../src/core/conditions/conditionRegistry.js';
import { ByteWriter } from '../../../src/core/conditions/bytes.js';
import { asObject, idField, intField } from '../../../src/core/conditions/evidenceFields.js';
import { fail, ok, StakemeshFailure } from '../../../src/errors/result.js';
import { baseLog } from './fixture.js';

/** A toy custom kind: "uptime below a floor", evidence is a plain (trusted-oracle-free) report for the demo. */
function uptimeRegistry() {
  return createConditionRegistry().register('uptimeFloor', {
    parseParams(raw: unknown) {
      const p = asObject(raw, 'params', 'BAD_CONDITION_PARAMS');
      return { floorBps: intField(p.floorBps, 'floorBps', 10_000, 'BAD_CONDITION_PARAMS') };
    },
    decodeEvidence(raw: unknown) {
      const e = asObject(raw, 'evidence');
      return {
        epoch: intField(e.epoch, 'epoch', 1_000_000),
        uptimeBps: intField(e.uptimeBps, 'uptimeBps', 10_000),
        operator: idField(e.operator, 'operator'),
      };
    },
    verify(ctx, params: { floorBps: number }, ev: { epoch: number; uptimeBps: number; operator: string }) {
      if (ev.operator !== ctx.operator) return fail('EVIDENCE_WRONG_OPERATOR');
      if (ev.uptimeBps >= params.floorBps) return fail('EVIDENCE_NO_VIOLATION');
      return ok({ offence: new ByteWriter().id(ctx.set).id(ctx.operator).u64(ev.epoch).finish(), height: ctx.block });
    },
  });
}

test('a custom kind plugs in without forking; the default registry does not know it', () => {
  const registry = uptimeRegistry();
  assert.deepEqual(registry.kinds(), ['doubleSign', 'liveness', 'oracleDeviation', 'uptimeFloor']);
  assert.deepEqual(defaultConditionRegistry.kinds(), ['doubleSign', 'liveness', 'oracleDeviation']);
  const log = [
    ...baseLog(),
    {
      type: 'attachCondition',
      set: 's',
      condition: 'up',
      kind: 'uptimeFloor',
      params: { floorBps: 9000 },
      penalty: '0.01',
      cap: '0.05',
      windowBlocks: 10,
    },
    { type: 'submitEvidence', set: 's', condition: 'up', operator: 'op1', evidence: { epoch: 1, uptimeBps: 9500, operator: 'op1' } },
    { type: 'submitEvidence', set: 's', condition: 'up', operator: 'op1', evidence: { epoch: 1, uptimeBps: 8000, operator: 'op1' } },
    { type: 'submitEvidence', set: 's', condition: 'up', operator: 'op1', evidence: { uptimeBps: 7000, epoch: 1, operator: 'op1' } },
  ];
  const custom = runLog(log, { registry: createCommandRegistry(createConditionCommands(registry)) });
  assert.deepEqual(
    custom.results.slice(-4).map((r) => r.status),
    ['ok', 'EVIDENCE_NO_VIOLATION', 'ok', 'EVIDENCE_REPLAYED'],
  );
  const plain = runLog(log);
  assert.deepEqual(
    plain.results.slice(-4).map((r) => r.status),
    ['UNKNOWN_CONDITION_KIND', 'UNKNOWN_CONDITION', 'UNKNOWN_CONDITION', 'UNKNOWN_CONDITION'],
  );
});

test('registries refuse duplicates, bad names and changes to the frozen default', () => {
  const code = (f: () => unknown) => {
    try {
      f();
      return 'ok';
    } catch (e) {
      return e instanceof StakemeshFailure ? e.code : 'threw';
    }
  };
  const v = { parseParams: () => ({}), decodeEvidence: () => ({}), verify: () => fail('EVIDENCE_NO_VIOLATION') };
  assert.equal(
    code(() => createConditionRegistry().register('doubleSign', v)),
    'CONDITION_KIND_EXISTS',
  );
  assert.equal(
    code(() => createConditionRegistry().register('bad kind', v)),
    'BAD_FIELD',
  );
  assert.equal(
    code(() => defaultConditionRegistry.register('x', v)),
    'BAD_FIELD',
  );
  const r = createConditionRegistry();
  const frozen = r.register('x', v).freeze();
  assert.equal(
    code(() => frozen.register('y', v)),
    'BAD_FIELD',
  );
  assert.ok(frozen.get('x'));
});
