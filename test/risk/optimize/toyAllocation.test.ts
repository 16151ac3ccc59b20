import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AllocationProblem } from '../../../src/risk/optimize/allocationLp.js';
import { solveAllocation } from '../../../src/risk/optimize/solveAllocation.js';

/** Pair 0 pays 10 % and loses everything in 1 of 10 scenarios; pair 1 pays 2 % and never loses. */
function toy(lambda: number, maxPerPair = 1): AllocationProblem {
  return {
    pairOperator: [0, 1],
    pairService: [0, 1],
    fee: [0.1, 0.02],
    losses: [[[0, 1]], [], [], [], [], [], [], [], [], []],
    lambda,
    level: 0.9,
    mode: 'unique',
    maxPerPair,
    maxPerOperator: 1,
    maxPerService: 1,
    minServiceShare: new Map(),
  };
}

test('toy allocation: objective 0.02 + a(0.08 − λ) with CVaR_90 = a gives the known optimum', async () => {
  const cheap = await solveAllocation(toy(0.05));
  assert.ok(cheap.ok);
  assert.ok(Math.abs((cheap.value.weights[0] ?? 0) - 1) < 1e-7);
  assert.ok(Math.abs(cheap.value.objective - 0.05) < 1e-9);
  assert.ok(Math.abs(cheap.value.cvar - 1) < 1e-7);
  const capped = await solveAllocation(toy(0.05, 0.7));
  assert.ok(capped.ok);
  assert.ok(Math.abs((capped.value.weights[0] ?? 0) - 0.7) < 1e-7);
  assert.ok(Math.abs(capped.value.objective - (0.02 + 0.7 * 0.03)) < 1e-9);
  const dear = await solveAllocation(toy(0.1, 0.7));
  assert.ok(dear.ok);
  assert.ok(Math.abs((dear.value.weights[0] ?? 0) - 0.3) < 1e-7, 'the cap on the safe pair forces a = 0.3');
  assert.ok(Math.abs(dear.value.objective - (0.02 + 0.3 * (0.08 - 0.1))) < 1e-9);
});

test('toy allocation: risk aversion moves the budget to the safe pair; security minimum forces it back', async () => {
  const safe = await solveAllocation(toy(0.1));
  assert.ok(safe.ok);
  assert.ok(Math.abs((safe.value.weights[1] ?? 0) - 1) < 1e-7);
  assert.ok(Math.abs(safe.value.objective - 0.02) < 1e-9);
  const forced = await solveAllocation({ ...toy(0.1), minServiceShare: new Map([[0, 0.25]]) });
  assert.ok(forced.ok);
  assert.ok(Math.abs((forced.value.weights[0] ?? 0) - 0.25) < 1e-7);
  const infeasible = await solveAllocation({ ...toy(0.1), minServiceShare: new Map([[0, 0.8]]), maxPerService: 0.5 });
  assert.ok(!infeasible.ok && infeasible.error.code === 'OPTIMIZE_INFEASIBLE');
});
