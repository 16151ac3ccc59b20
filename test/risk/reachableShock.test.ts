import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { indexNetwork, type IndexedNetwork } from '../../src/risk/indexNetwork.js';
import { reachableShock } from '../../src/risk/reachableShock.js';
import { arbNetwork } from './randomNetwork.js';

// R_ψ's shock budget lowered to the largest attainable subset sum of stakes (src/risk/reachableShock.ts),
// against enumeration of every operator set. Replay with FC_SEED=<seed>.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261205;

/** The largest subset sum of the stakes ≤ the budget, by every subset (1/lcd units as numbers: below 2^53 here). */
function bestBySubsets(ix: IndexedNetwork, budget: Rational): Rational {
  const units = ix.stake.map((st) => Number(st.mul(Rational.of(ix.lcd)).toBigInt('down')));
  const cap = Number(budget.mul(Rational.of(ix.lcd)).toBigInt('down'));
  let best = 0;
  const sums = new Float64Array(1 << units.length);
  for (let m = 1; m < sums.length; m++) {
    const low = 31 - Math.clz32(m & -m);
    sums[m] = sums[m & (m - 1)]! + units[low]!;
    if (sums[m]! <= cap && sums[m]! > best) best = sums[m]!;
  }
  return Rational.of(BigInt(best), ix.lcd);
}

test('reachableShock: the largest subset sum of stakes ≤ the budget, and a set attaining it (300 cases, enumeration)', () => {
  fc.assert(
    fc.property(
      arbNetwork({ opsMax: 10, svcsMax: 2, edgesMax: 4 }),
      fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 0, maxLength: 3 }),
      fc.integer({ min: 0, max: 100 }),
      fc.constantFrom(1n, 1_000_000n),
      (net, slashes, pct, big) => {
        // a few stakes slashed by k/1000: off the common grid, as after a live slash; with stakes in the
        // millions the grid of all stakes is too fine for one bitset and the slashed ones are enumerated apart
        const operators = net.operators.map((o, i) => {
          const stake = o.stake.mul(Rational.of(big));
          return { ...o, stake: i < slashes.length ? stake.mul(Rational.of(1000n - BigInt(slashes[i]!), 1000n)) : stake };
        });
        const ix = indexNetwork({ ...net, operators, allocations: [] });
        const budget = ix.totalStake.mul(Rational.of(BigInt(pct), 100n));
        let best = Rational.ZERO;
        for (let m = 0; m < 1 << operators.length; m++) {
          let sum = Rational.ZERO;
          for (let v = 0; v < operators.length; v++) if (m & (1 << v)) sum = sum.add(ix.stake[v]!);
          if (sum.lte(budget) && sum.gt(best)) best = sum;
        }
        const r = reachableShock(ix, budget);
        assert.equal(r.exact, true);
        assert.equal(r.budget.toString(), best.toString());
        assert.ok(r.shock !== null);
        const attained = r.shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
        assert.equal(attained.toString(), best.toString());
        assert.equal(new Set(r.shock).size, r.shock.length);
      },
    ),
    { seed, numRuns: 300 },
  );
});

test('reachableShock: a budget whose grid is too fine to enumerate is kept as it is (not exact)', () => {
  const ix = indexNetwork({
    operators: [
      { id: 'a', stake: Rational.of(1234567n, 1000000n) },
      { id: 'b', stake: Rational.of(7654321n, 1000000n) },
    ],
    services: [],
    allocations: [],
  });
  const budget = Rational.of(8n);
  const r = reachableShock(ix, budget);
  assert.equal(r.exact, false);
  assert.equal(r.budget.toString(), budget.toString());
  assert.equal(r.shock, null);
});

test('reachableShock: bitsets of many words (12–16 operators, whole-ETH stakes up to 5,000, some slashed by k/1000), 60 cases against every subset', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 12, maxLength: 16 }),
      fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 0, maxLength: 3 }),
      fc.integer({ min: 1, max: 100 }),
      (stakes, slashes, pct) => {
        const operators = stakes.map((eth, i) => ({
          id: `o${i}`,
          stake: Rational.of(BigInt(eth)).mul(i < slashes.length ? Rational.of(1000n - BigInt(slashes[i]!), 1000n) : Rational.ONE),
        }));
        const ix = indexNetwork({ operators, services: [], allocations: [] });
        const budget = ix.totalStake.mul(Rational.of(BigInt(pct), 100n));
        // every subset's sum (in 1/lcd units below 2^53: at most 16 × 5,000 ETH × lcd ≤ 1,000)
        const r = reachableShock(ix, budget);
        assert.equal(r.exact, true);
        assert.equal(r.budget.toString(), bestBySubsets(ix, budget).toString());
        if (r.shock !== null) {
          const attained = r.shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
          assert.equal(attained.toString(), r.budget.toString());
        }
      },
    ),
    { seed, numRuns: 60 },
  );
});

test('reachableShock: stakes slashed off a coarse grid within the same denominator (one bitset of every stake would have ≥ 2^16 steps), 60 cases against every subset', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 12, maxLength: 16 }),
      fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 0, maxLength: 4 }),
      fc.integer({ min: 1, max: 100 }),
      (stakes, cuts, pct) => {
        // whole thousands of ETH, a few of them cut by a few ETH: every stake an integer (one denominator), the
        // common grid 1 ETH where most stakes share 1,000 (a slash by a fraction of a round stake, as on the bench)
        const operators = stakes.map((k, i) => ({
          id: `o${i}`,
          stake: Rational.of(BigInt(k) * 1000n - (i < cuts.length ? BigInt(cuts[i]!) : 0n)),
        }));
        const ix = indexNetwork({ operators, services: [], allocations: [] });
        const budget = ix.totalStake.mul(Rational.of(BigInt(pct), 100n));
        const r = reachableShock(ix, budget);
        assert.equal(r.exact, true);
        assert.equal(r.budget.toString(), bestBySubsets(ix, budget).toString());
        assert.ok(r.shock !== null);
        const attained = r.shock.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
        assert.equal(attained.toString(), r.budget.toString());
        assert.equal(new Set(r.shock).size, r.shock.length);
      },
    ),
    { seed, numRuns: 60 },
  );
});
