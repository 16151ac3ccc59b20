import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mulDiv } from '../../src/math/mulDiv.js';
import { WAD, mulWad, mulWadRoundUp, divWad } from '../../src/math/wad.js';

test('mulDiv golden vectors', () => {
  assert.equal(mulDiv(7n, 3n, 2n, 'down'), 10n);
  assert.equal(mulDiv(7n, 3n, 2n, 'up'), 11n);
  assert.equal(mulDiv(6n, 3n, 2n, 'up'), 9n);
  assert.equal(mulDiv(0n, 5n, 3n, 'up'), 0n);
  assert.equal(mulDiv(2n ** 255n, 2n, 2n ** 200n, 'down'), 2n ** 56n);
});

test('wad helpers golden vectors (EigenLayer semantics)', () => {
  assert.equal(mulWad(3n, WAD / 2n), 1n);
  assert.equal(mulWadRoundUp(3n, WAD / 2n), 2n);
  assert.equal(divWad(1n, 3n), 333333333333333333n);
  assert.equal(divWad(WAD, WAD / 2n), 2n * WAD);
  assert.equal(mulWad(10n ** 20n, 999999999999999999n), 99999999999999999900n);
  assert.equal(mulWadRoundUp(1n, 1n), 1n);
  assert.equal(mulWad(1n, 1n), 0n);
});

test('mulDiv throws on programmer errors', () => {
  assert.throws(() => mulDiv(1n, 1n, 0n, 'down'));
  assert.throws(() => mulDiv(-1n, 1n, 1n, 'down'));
});

test('property: up = down or down + 1, and brackets the exact quotient', () => {
  fc.assert(
    fc.property(fc.bigInt(0n, 2n ** 130n), fc.bigInt(0n, 2n ** 130n), fc.bigInt(1n, 2n ** 130n), (a, b, d) => {
      const lo = mulDiv(a, b, d, 'down');
      const hi = mulDiv(a, b, d, 'up');
      assert.ok(hi === lo || hi === lo + 1n);
      assert.ok(lo * d <= a * b && a * b <= hi * d);
    }),
    { numRuns: 500 },
  );
});
