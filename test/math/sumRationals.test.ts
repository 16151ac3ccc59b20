import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { sumRationals } from '../../src/math/sumRationals.js';

const arbRational = fc
  .tuple(
    fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
    fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 24n }), fc.constantFrom(1n, 6n, 10n ** 18n, 3n * 10n ** 18n)),
  )
  .map(([n, d]) => Rational.of(n, d));

test('sumRationals equals term-by-term addition (normalised, any denominators, empty and zero terms)', () => {
  fc.assert(
    fc.property(fc.array(arbRational, { maxLength: 40 }), (xs) => {
      const want = xs.reduce((a, b) => a.add(b), Rational.ZERO);
      const got = sumRationals(xs);
      assert.equal(got.num, want.num);
      assert.equal(got.den, want.den);
    }),
    { numRuns: 300, seed: 7 },
  );
  assert.ok(sumRationals([]).eq(Rational.ZERO));
  assert.equal(sumRationals([Rational.of(1n, 3n), Rational.of(-1n, 3n)]).den, 1n);
});
