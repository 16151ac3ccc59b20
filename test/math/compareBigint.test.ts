import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareBigint } from '../../src/math/compareBigint.js';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261207;

test('compareBigint: sign of a − b, exact beyond 2^53, and sorts ascending', () => {
  fc.assert(
    fc.property(fc.bigInt(), fc.bigInt(), (a, b) => {
      const d = a - b;
      assert.equal(compareBigint(a, b), d < 0n ? -1 : d > 0n ? 1 : 0);
      assert.equal(compareBigint(a, b), -compareBigint(b, a) || 0);
    }),
    { seed, numRuns: 500 },
  );
  const big = 2n ** 80n;
  assert.equal(compareBigint(big, big + 1n), -1);
  assert.deepEqual([big + 1n, -big, 0n, big].sort(compareBigint), [-big, 0n, big, big + 1n]);
});
