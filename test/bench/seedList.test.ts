import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedList, seedsMax } from '../../bench/seedList.js';

// The analyzeExact bench's seed list (ANALYZE_EXACT_SEEDS): "2,8" used to run nothing and print NaN rows.

test('seedList reads ranges and single seeds, comma-separated, in order', () => {
  assert.deepEqual(seedList('1-3', 'V'), [1, 2, 3]);
  assert.deepEqual(seedList('2,8', 'V'), [2, 8]);
  assert.deepEqual(seedList(' 1-3 , 7 ', 'V'), [1, 2, 3, 7]);
  assert.deepEqual(seedList('5', 'V'), [5]);
});

test('seedList refuses anything else with one message naming the variable, and more than seedsMax seeds', () => {
  for (const bad of ['', '2,x', '3-1', '1-', '-1', '1.5', '1-3-5', '1;2', `1-${seedsMax + 1}`, '9999999'])
    assert.throws(() => seedList(bad, 'ANALYZE_EXACT_SEEDS'), (e: unknown) => e instanceof Error && e.message.startsWith(`ANALYZE_EXACT_SEEDS '${bad}':`), bad);
  assert.equal(seedList(`1-${seedsMax}`, 'V').length, seedsMax);
});
