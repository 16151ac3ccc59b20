import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { seedList, seedsMax } from '../../bench/seedList.js';

// The benches' seed lists (ANALYZE_EXACT_SEEDS, INCREMENTAL_SEED): "2,8" used to run nothing and print NaN rows.

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

test('the incremental bench refuses a bad INCREMENTAL_SEED with one line naming it, before any chain runs', () => {
  // dist/test/bench/ → dist/bench/run.js (the tests run compiled, as `npm run bench` does)
  const run = fileURLToPath(new URL('../../bench/run.js', import.meta.url));
  const r = spawnSync(process.execPath, [run, 'incremental'], {
    env: { ...process.env, INCREMENTAL_SEED: '3-1', INCREMENTAL_SIZES: '20x4' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^incremental\.bench\.js: INCREMENTAL_SEED '3-1': give seeds or ranges/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.doesNotMatch(r.stdout, /\| incremental/);
});
