import assert from 'node:assert/strict';
import { test } from 'node:test';
import { polishBudget, polishFloorMs, polishShareMax } from '../../src/risk/polishBudget.js';

test('polishBudget: the share of the time left while it is above the floor', () => {
  assert.equal(polishBudget(60_000, 0.05), 3_000);
  assert.equal(polishBudget(100_000, 0.25), 25_000);
});

test('polishBudget: raised to the floor late in a run, never above a quarter of the time left', () => {
  // 5 % of 20 s is 1 s: the floor
  assert.equal(polishBudget(20_000, 0.05), polishFloorMs);
  // 5 % of 4 s is 0.2 s; the floor would take more than a quarter of 4 s: a quarter instead
  assert.equal(polishBudget(4_000, 0.05), 4_000 * polishShareMax);
  // a share at the cap is left alone
  assert.equal(polishBudget(4_000, 0.25), 1_000);
  for (let left = 1; left <= 100_000; left += 997)
    for (const share of [0.01, 0.05, 0.25, 0.5]) {
      const b = polishBudget(left, share);
      assert.ok(b >= left * share - 1e-9, `at least the share (${left}, ${share})`);
      assert.ok(b <= Math.max(left * share, left * polishShareMax) + 1e-9, `at most the larger of share and cap (${left}, ${share})`);
      assert.ok(b >= Math.min(polishFloorMs, left * polishShareMax) - 1e-9, `the floor where it fits (${left}, ${share})`);
    }
});

test('polishBudget: no time left gives none; no deadline (a node budget) gives no limit', () => {
  assert.equal(polishBudget(0, 0.05), 0);
  assert.equal(polishBudget(-5, 0.05), 0);
  assert.equal(polishBudget(Number.POSITIVE_INFINITY, 0.05), Number.POSITIVE_INFINITY);
  assert.throws(() => polishBudget(1_000, 0));
  assert.throws(() => polishBudget(1_000, 1.5));
});
