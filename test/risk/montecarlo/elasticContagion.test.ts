import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../../src/risk/montecarlo/simulate.js';
import { scenarioOf } from './fixtures.js';

function twoServices(amount: string | undefined) {
  return scenarioOf({
    network: {
      operators: [{ id: 'o', stake: '10' }],
      services: [
        { id: 'A', profitFromCorruption: '1', attackThreshold: '1/2' },
        { id: 'B', profitFromCorruption: '1', attackThreshold: '1/2' },
      ],
      allocations: [
        { operator: 'o', service: 'A', ...(amount ? { amount } : {}) },
        { operator: 'o', service: 'B', ...(amount ? { amount } : {}) },
      ],
    },
    defaults: { operator: { faultProbability: 0 } },
    services: [
      { id: 'A', faultProbability: 1, severity: { kind: 'fixed', value: 0.5 } },
      { id: 'B', faultProbability: 0 },
    ],
    simulation: { scenarios: 100, levels: [0.5] },
  });
}

test('elastic restaking: a slash on A shrinks the shared stake, so B loses security too (contagion)', async () => {
  const { report } = await simulate(twoServices(undefined), { threads: 1 });
  assert.equal(report.operators[0]?.expectedLoss, 5);
  assert.equal(report.services[0]?.expectedLoss, 5);
  assert.equal(report.services[1]?.expectedLoss, 5, 'B keeps min(10, 10 − 5) = 5 of its 10');
  assert.deepEqual(report.contagion.matrix[0], [5, 5]);
  assert.equal(report.contagion.matrix[1], null, 'B never faulted');
});

test('unique stake: a slash on A leaves the stake allocated to B untouched', async () => {
  const { report } = await simulate(twoServices('5'), { threads: 1 });
  assert.equal(report.operators[0]?.expectedLoss, 2.5);
  assert.equal(report.services[0]?.expectedLoss, 2.5);
  assert.equal(report.services[1]?.expectedLoss, 0);
  assert.deepEqual(report.contagion.matrix[0], [2.5, 0]);
});
