import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';

const q = (n: bigint, d: bigint = 1n): Rational => Rational.of(n, d);

test('rational golden vectors', () => {
  assert.equal(q(6n, -4n).toString(), '-3/2');
  assert.equal(q(1n, 3n).add(q(1n, 6n)).toString(), '1/2');
  assert.equal(q(2n, 3n).mul(q(3n, 4n)).toString(), '1/2');
  assert.equal(q(1n, 3n).toDecimal(5), '0.33333');
  assert.equal(q(-7n, 2n).toBigInt('down'), -4n); // floor
  assert.equal(q(-7n, 2n).toBigInt('up'), -3n); // ceiling
  assert.equal(q(7n, 2n).toBigInt('up'), 4n);
  assert.ok(q(1n, 3n).lt(q(334n, 1000n)));
  assert.ok(q(2n, 6n).eq(q(1n, 3n)));
  assert.throws(() => q(1n, 0n));
});

test('property: comparison is exact where floats tie', () => {
  // 0.1 + 0.2 versus 0.3 in floats is the classic false tie; rationals decide it exactly.
  assert.ok(q(1n, 10n).add(q(2n, 10n)).eq(q(3n, 10n)));
  fc.assert(
    fc.property(fc.bigInt(-(10n ** 30n), 10n ** 30n), fc.bigInt(1n, 10n ** 30n), fc.bigInt(1n, 10n ** 30n), (n, d, e) => {
      const a = q(n, d);
      assert.ok(a.add(q(1n, e)).gt(a));
      assert.ok(a.sub(a).isZero());
      assert.equal(a.mul(q(d, 1n)).toString(), q(n, 1n).toString());
    }),
    { numRuns: 300 },
  );
});

test('toNumber stays finite and close when numerator and denominator pass 2^1024', () => {
  const big = 10n ** 400n;
  const r = Rational.of(6085625145390203n * big + 7n, 1000000000n * big + 3n);
  assert.ok(Math.abs(r.toNumber() - 6085625.145390203) < 1e-6);
  assert.ok(Math.abs(r.neg().toNumber() + 6085625.145390203) < 1e-6);
  assert.equal(Rational.of(3n * big, big * big).toNumber(), 0);
  assert.equal(Rational.of(big * big, 3n).toNumber(), Number.POSITIVE_INFINITY);
  fc.assert(
    fc.property(fc.bigInt({ min: -(2n ** 3000n), max: 2n ** 3000n }), fc.bigInt({ min: 1n, max: 2n ** 3000n }), (p, q) => {
      const got = Rational.of(p, q).toNumber();
      const s = 10n ** 30n; // reference: scaled exact division, then one float division
      const want = Number((p * s) / q) / 1e30;
      if (!Number.isFinite(want) || Math.abs(want) < 1e-250) return; // outside doubles' comfortable range
      assert.ok(Math.abs(got - want) <= 1e-12 * Math.abs(want) + 1e-29, `${p}/${q}: ${got} vs ${want}`);
    }),
    { seed: 20261201, numRuns: 300 },
  );
});
