import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAmount, parseDecimal, parseFraction, formatUnits, amountMax } from '../../src/math/decimal.js';
import { Rational } from '../../src/math/rational.js';

test('parseAmount rejects malformed and out-of-range values', () => {
  for (const bad of ['', '.', '1e3', '0x10', '-1', ' 1', '1.0', '01', '+1', 1, null]) {
    const r = parseAmount(bad, 'amount');
    assert.equal(r.ok, false, `accepted ${String(bad)}`);
  }
  const over = parseAmount((amountMax + 1n).toString(), 'amount');
  assert.equal(!over.ok && over.error.code, 'NUMBER_OUT_OF_RANGE');
  const good = parseAmount('123456789012345678901234567890', 'amount');
  assert.ok(good.ok && good.value === 123456789012345678901234567890n);
});

test('parseDecimal is exact and strict', () => {
  for (const bad of ['', '.', '1e3', '0x10', '1.', '.5', 'NaN', 'Infinity', '1,5']) {
    assert.equal(parseDecimal(bad, 'price').ok, false, `accepted ${bad}`);
  }
  const neg = parseDecimal('-2.5', 'x');
  assert.equal(!neg.ok && neg.error.code, 'NUMBER_OUT_OF_RANGE');
  const r = parseDecimal('-2.50', 'x', { allowNegative: true });
  assert.ok(r.ok && r.value.eq(Rational.of(-5n, 2n)));
  const p = parseDecimal('3512.123456789012345678', 'price');
  assert.ok(p.ok && p.value.eq(Rational.of(3512123456789012345678n, 10n ** 18n)));
});

test('parseFraction accepts p/q and decimals within [0,1]', () => {
  const a = parseFraction('2/3', 'alpha');
  assert.ok(a.ok && a.value.eq(Rational.of(2n, 3n)));
  const b = parseFraction('0.5', 'alpha');
  assert.ok(b.ok && b.value.eq(Rational.of(1n, 2n)));
  const c = parseFraction('4/3', 'alpha');
  assert.equal(!c.ok && c.error.code, 'NUMBER_OUT_OF_RANGE');
  const d = parseFraction('1/0', 'alpha');
  assert.equal(!d.ok && d.error.code, 'BAD_FRACTION');
});

test('formatUnits and Rational.toDecimal', () => {
  assert.equal(formatUnits(1500000000000000000n, 18), '1.5');
  assert.equal(formatUnits(0n, 18), '0');
  assert.equal(Rational.of(1n, 3n).toDecimal(5), '0.33333');
  assert.equal(Rational.of(-7n, 2n).toBigInt('down'), -4n);
  assert.equal(Rational.of(7n, 2n).toBigInt('up'), 4n);
});
