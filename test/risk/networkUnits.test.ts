import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import { networkUnits } from '../../src/risk/networkUnits.js';
import { arbNetwork } from './randomNetwork.js';

// networkUnits holds every amount as an integer in units of 1/lcd; the reference is the Rational amount times lcd.
// Replay with FC_SEED=<seed>.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261206;

test('networkUnits: every stake, edge amount, weight and PfC is its Rational value times lcd, exactly', () => {
  fc.assert(
    fc.property(arbNetwork({ opsMax: 8, svcsMax: 6, edgesMax: 24 }), (net) => {
      const ix = indexNetwork(net);
      const u = networkUnits(ix);
      const lcd = Rational.of(ix.lcd);
      const same = (units: readonly bigint[], values: readonly Rational[]): boolean =>
        units.length === values.length && units.every((x, i) => Rational.of(x).eq(values[i]!.mul(lcd)));
      assert.ok(same(u.edge, ix.edges.map((e) => e.amount)));
      assert.ok(same(u.stake, ix.stake));
      assert.ok(same(u.weight, ix.weight));
      assert.ok(same(u.pfc, ix.pfc));
      assert.equal(networkUnits(ix), u, 'computed once per indexed network');
    }),
    { seed, numRuns: 200 },
  );
});

test('networkUnits: an amount off the grid (a wrong lcd) is a programmer error, not a rounded unit', () => {
  const ix = indexNetwork({
    operators: [{ id: 'a', stake: Rational.of(3n, 2n) }],
    services: [{ id: 'x', profitFromCorruption: Rational.ONE, attackThreshold: Rational.of(1n, 2n) }],
    allocations: [{ operator: 'a', service: 'x', amount: Rational.of(3n, 2n) }],
  });
  assert.throws(() => networkUnits({ ...ix, lcd: 1n }), /assertion failed: an amount is not on the network grid/);
});
