import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { attackOnNetwork } from '../../src/risk/attackOnNetwork.js';
import { noPointBound } from '../../src/risk/attackCoverBound.js';
import { bestAttackBnb } from '../../src/risk/bestAttackBnb.js';
import { bestAttackChosen } from '../../src/risk/bestAttackChosen.js';
import { evaluateAttack } from '../../src/risk/evaluateAttack.js';
import { bestSwaps, fillKnapsack, polishAttack } from '../../src/risk/gridPolish.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import type { ExactProgram } from '../../src/risk/milp/exactProgram.js';
import type { Network } from '../../src/risk/network.js';
import { slack } from '../../src/risk/slack.js';
import { brute } from './bruteForce.js';
import { coverBoxCase } from './coverBoxCase.js';
import { arbNetwork } from './randomNetwork.js';

// Issue 14, fourth pass (bundled network): the fine-grid polish (meet in the middle), the combinatorial cover
// bound of the best-attack branch and bound, and the routing of the best attack and γ* — each against brute
// force on random networks. Replay a failure with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261206;
const str = (x: Rational | null | undefined): string | null => (x === null || x === undefined ? null : x.toString());

/** The same network with every allocation set to its operator's whole stake (full restaking). */
function fullRestaked(net: Network): Network {
  const stake = new Map(net.operators.map((o) => [o.id, o.stake] as const));
  return { ...net, allocations: net.allocations.map((a) => ({ ...a, amount: stake.get(a.operator)! })) };
}

const arbFull = (shape: { opsMax: number; svcsMax: number; edgesMax: number }): fc.Arbitrary<Network> =>
  arbNetwork(shape).map(fullRestaked);

test('bestSwaps: the smallest subset sum in [floor, 0) equals brute force on 200 random weight lists', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -60, max: 60 }), { minLength: 1, maxLength: 12 }),
      fc.integer({ min: -200, max: -1 }),
      (ws, floor) => {
        let best: number | null = null;
        for (let m = 0; m < 2 ** ws.length; m++) {
          const sum = ws.reduce((a, w, k) => (m & (1 << k) ? a + w : a), 0);
          if (sum >= floor && sum < 0 && (best === null || sum < best)) best = sum;
        }
        const got = bestSwaps(ws, floor);
        if (best === null) assert.equal(got.length, 0);
        else {
          assert.ok(got.length > 0);
          // the first answer is the smallest sum; every answer lies in [floor, 0)
          assert.equal(
            got[0]!.reduce((a, k) => a + ws[k]!, 0),
            best,
          );
          for (const g of got) {
            const s = g.reduce((a, k) => a + ws[k]!, 0);
            assert.ok(s >= floor && s < 0);
          }
        }
      },
    ),
    { seed, numRuns: 200 },
  );
});

test('bestSwaps: every answer, in order, equals a brute-force meet in the middle (300 lists, ties and large sums)', () => {
  // the reference pairs each first-half subset with the least second-half sum ≥ floor − its sum (the smallest such
  // mask), and keeps the candidatesMax (8) least by (Δ, first-half mask): what the merged sweep must return
  const reference = (ws: readonly number[], floor: number): number[][] => {
    const k1 = Math.floor(ws.length / 2);
    const sum = (m: number, off: number, len: number): number => {
      let a = 0;
      for (let k = 0; k < len; k++) if (m & (1 << k)) a += ws[off + k]!;
      return a;
    };
    const rows: { delta: number; m1: number; m2: number }[] = [];
    for (let m1 = 0; m1 < 2 ** k1; m1++) {
      const a = sum(m1, 0, k1);
      let best: { b: number; m2: number } | null = null;
      for (let m2 = 0; m2 < 2 ** (ws.length - k1); m2++) {
        const b = sum(m2, k1, ws.length - k1);
        if (b >= floor - a && (best === null || b < best.b)) best = { b, m2 };
      }
      if (best && a + best.b < 0) rows.push({ delta: a + best.b, m1, m2: best.m2 });
    }
    rows.sort((x, y) => x.delta - y.delta || x.m1 - y.m1);
    const bitsOf = (m: number, off: number): number[] => [...Array(16).keys()].filter((k) => m & (1 << k)).map((k) => k + off);
    return rows.slice(0, 8).map((r) => [...bitsOf(r.m1, 0), ...bitsOf(r.m2, k1)]);
  };
  fc.assert(
    fc.property(
      fc.constantFrom(10, 1_000, 2 ** 40),
      fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 1, maxLength: 14 }),
      fc.integer({ min: 1, max: 40 }),
      (unit, ws, f) => {
        const weights = ws.map((w) => w * unit);
        assert.deepEqual(bestSwaps(weights, -f * unit), reference(weights, -f * unit));
      },
    ),
    { seed, numRuns: 300 },
  );
});

test('bestSwaps: above 2^53 (a k/1000 slash on the 10⁻⁶ grid) every answer is a real subset near [floor, 0) (200 lists)', () => {
  // the sums are rounded there; an answer must still be the subset whose (rounded) sum was paired, not one half of it
  fc.assert(
    fc.property(
      fc.array(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), { minLength: 2, maxLength: 24 }),
      fc.bigInt({ min: 1n, max: 10n ** 19n }),
      (ws, f) => {
        const weights = ws.map(Number);
        const floor = -Number(f);
        // rounding of up to 24 additions of numbers below 2^67, with room
        const tol = ws.reduce((a, w) => a + (w < 0n ? -w : w), 0n) / 2n ** 40n + 1n;
        for (const answer of bestSwaps(weights, floor)) {
          assert.ok(answer.length > 0 && new Set(answer).size === answer.length);
          const sum = answer.reduce((a, k) => a + BigInt(weights[k]!), 0n);
          assert.ok(sum >= BigInt(floor) - tol && sum < tol, `sum ${sum} outside [${floor}, 0) by more than ${tol}`);
        }
      },
    ),
    { seed, numRuns: 200 },
  );
});

test('polishAttack: one full-restaking service, from every operator, reaches the least subset sum ≥ the threshold (150 cases)', () => {
  const arb = fc.record({
    stakes: fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 14 }),
    alpha: fc.constantFrom(Rational.of(1n, 3n), Rational.of(1n, 2n), Rational.of(2n, 3n), Rational.ONE),
  });
  fc.assert(
    fc.property(arb, ({ stakes, alpha }) => {
      const operators = stakes.map((s, i) => ({ id: `o${i}`, stake: Rational.of(BigInt(s), 1000n) }));
      const total = operators.reduce((a, o) => a.add(o.stake), Rational.ZERO);
      const net: Network = {
        operators,
        // PfC above every cost: the profit is PfC − cost, so the best attack is the cheapest that falls
        services: [{ id: 's', profitFromCorruption: total.add(Rational.ONE), attackThreshold: alpha }],
        allocations: operators.map((o) => ({ operator: o.id, service: 's', amount: o.stake })),
      };
      const ix = indexNetwork(net);
      const need = total.mul(alpha);
      let least: Rational | null = null;
      for (let m = 1; m < 2 ** stakes.length; m++) {
        const sum = operators.reduce((a, o, k) => (m & (1 << k) ? a.add(o.stake) : a), Rational.ZERO);
        if (sum.gte(need) && (least === null || sum.lt(least))) least = sum;
      }
      const all = evaluateAttack(ix, new Set(ix.edges.map((_, e) => e)), new Set(), Rational.ONE, true);
      const p = polishAttack(ix, all, Rational.ONE, Number.POSITIVE_INFINITY);
      assert.equal(p.attack.cost.toString(), least!.toString());
      const again = attackOnNetwork(ix, p.attack);
      assert.ok(again !== null);
      assert.equal(again.profit.toString(), p.attack.profit.toString());
    }),
    { seed: seed + 1, numRuns: 150 },
  );
});

test('polishAttack never lowers the profit and returns a real attack, on 150 random networks and starts', () => {
  fc.assert(
    fc.property(arbNetwork({ opsMax: 8, svcsMax: 4, edgesMax: 14 }), fc.integer({ min: 0, max: 2 ** 14 - 1 }), (net, mask) => {
      const ix = indexNetwork(net);
      const corrupted = new Set(ix.edges.map((_, e) => e).filter((e) => mask & (1 << e)));
      const start = evaluateAttack(ix, corrupted, new Set(), Rational.ONE, true);
      const p = polishAttack(ix, start, Rational.ONE, Number.POSITIVE_INFINITY);
      assert.ok(p.attack.profit.gte(start.attack.profit));
      if (p !== start) {
        const again = attackOnNetwork(ix, p.attack);
        assert.ok(again !== null);
        assert.equal(again.profit.toString(), p.attack.profit.toString());
      }
    }),
    { seed: seed + 2, numRuns: 150 },
  );
});

test('fillKnapsack: stays within the budget, never lowers the shock, and from nothing on ≤ 12 operators reaches the optimum (150 cases)', () => {
  fc.assert(
    fc.property(arbNetwork({ opsMax: 12, svcsMax: 2, edgesMax: 4 }), fc.integer({ min: 0, max: 100 }), (net, pct) => {
      const ix = indexNetwork(net);
      const budget = ix.totalStake.mul(Rational.of(BigInt(pct), 100n));
      let best = Rational.ZERO;
      for (let m = 0; m < 2 ** ix.opIds.length; m++) {
        const sum = ix.stake.reduce((a, st, k) => (m & (1 << k) ? a.add(st) : a), Rational.ZERO);
        if (sum.lte(budget) && sum.gt(best)) best = sum;
      }
      const d = fillKnapsack(ix, [], budget, Number.POSITIVE_INFINITY);
      const value = d.reduce((a, v) => a.add(ix.stake[v]!), Rational.ZERO);
      assert.ok(value.lte(budget));
      assert.equal(value.toString(), best.toString());
    }),
    { seed: seed + 3, numRuns: 150 },
  );
});

/** Max of the program's objective over the 0/1 points of [lo, up] satisfying every row (null: none). */
function bruteProgramMax(p: ExactProgram, lo: Uint8Array, up: Uint8Array): bigint | null {
  const n = p.objective.length;
  const free = Array.from({ length: n }, (_, j) => j).filter((j) => lo[j] !== up[j]);
  let best: bigint | null = null;
  const x = Uint8Array.from(lo);
  for (let m = 0; m < 2 ** free.length; m++) {
    for (const [k, j] of free.entries()) x[j] = (m >> k) & 1;
    const ok = p.rows.every((r) => {
      const v = r.cols.reduce((a, c, k) => a + r.coefs[k]! * BigInt(x[c]!), 0n);
      return (r.lower === null || v >= r.lower) && (r.upper === null || v <= r.upper);
    });
    if (!ok) continue;
    const v = p.objective.reduce((a, c, j) => a + c * BigInt(x[j]!), 0n);
    if (best === null || v > best) best = v;
  }
  return best;
}

test('coverBound ≥ the best point of every node box (brute force over the program), 200 random networks, boxes and λ', () => {
  const arb = fc.record({
    net: fc.oneof(arbNetwork({ opsMax: 5, svcsMax: 3, edgesMax: 7 }), arbFull({ opsMax: 5, svcsMax: 3, edgesMax: 7 })),
    fixes: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 20, maxLength: 20 }),
    lambda: fc.constantFrom(Rational.ONE, Rational.of(1n, 3n), Rational.of(3n, 7n), Rational.of(5n, 2n)),
  });
  fc.assert(
    fc.property(arb, ({ net, fixes, lambda }) => {
      const c = coverBoxCase(net, fixes, lambda);
      if (c === null) return;
      const b = c.bound;
      const max = bruteProgramMax(c.program, c.lo, c.up);
      if (max === null) return;
      assert.notEqual(b, noPointBound);
      assert.ok(b >= max, `bound ${b} < best point ${max}`);
    }),
    { seed: seed + 4, numRuns: 200 },
  );
});

test('best attack by the branch and bound (cover bound, polish) equals brute force on 150 random full-restaking networks', async () => {
  await fc.assert(
    fc.asyncProperty(arbFull({ opsMax: 7, svcsMax: 4, edgesMax: 11 }), async (net) => {
      const ix = indexNetwork(net);
      const b = brute(net).bestProfit;
      const expected = b !== null && b.sign() > 0 ? b : null;
      const r = await bestAttackBnb(ix);
      assert.equal(r.exact, true);
      assert.equal(str(r.attack?.profit), str(expected));
      const c = await bestAttackChosen(ix, { method: 'bnb' });
      assert.equal(c.exact, true);
      assert.equal(str(c.attack?.profit), str(expected));
      if (c.attack) assert.equal(attackOnNetwork(ix, c.attack)?.profit.toString(), c.attack.profit.toString());
    }),
    { seed: seed + 5, numRuns: 150 },
  );
});

test('γ* by the parametric tree (cover bound, polish) equals brute force on 120 random full-restaking networks', async () => {
  await fc.assert(
    fc.asyncProperty(arbFull({ opsMax: 7, svcsMax: 4, edgesMax: 11 }), async (net) => {
      const ix = indexNetwork(net);
      const r = await slack(ix, { method: 'parametric' });
      assert.equal(r.exact, true);
      assert.equal(str(r.gamma), str(brute(net).slack));
    }),
    { seed: seed + 6, numRuns: 120 },
  );
});
