import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../../src/math/rational.js';
import { noPointBound } from '../../../src/risk/attackCoverBound.js';
import { bestAttackBnb } from '../../../src/risk/bestAttackBnb.js';
import { indexNetwork } from '../../../src/risk/indexNetwork.js';
import { gridThreshold } from '../../../src/risk/milp/attackProgram.js';
import { type AttackColumns } from '../../../src/risk/milp/exactAttackProgram.js';
import type { ExactProgram } from '../../../src/risk/milp/exactProgram.js';
import type { IndexedNetwork } from '../../../src/risk/indexNetwork.js';
import { offGridThreshold } from '../../../src/risk/milp/offGridThreshold.js';
import type { Network } from '../../../src/risk/network.js';
import { slack } from '../../../src/risk/slack.js';
import { brute } from '../bruteForce.js';
import { coverBoxCase } from '../coverBoxCase.js';
import { arbNetwork } from '../randomNetwork.js';

// Issue 14, sixth pass (plat): service thresholds lifted over the few amounts off the common grid (a fresh
// k/1000 slash). Replay a failure with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261214;
const str = (x: Rational | null | undefined): string | null => (x === null || x === undefined ? null : x.toString());

/** The least subset sum of `units` that is ≥ need, by enumeration (null: none). */
function leastSumAtLeast(units: readonly bigint[], need: Rational): bigint | null {
  let best: bigint | null = null;
  for (let m = 0; m < 1 << units.length; m++) {
    let sum = 0n;
    for (let k = 0; k < units.length; k++) if (m & (1 << k)) sum += units[k]!;
    if (!Rational.of(sum).lt(need) && (best === null || sum < best)) best = sum;
  }
  return best;
}

/** Integer amounts (times a common step) and a few off-grid ones (an integer times k/1000), in 1/1000 units. */
const arbAmounts = fc.record({
  step: fc.integer({ min: 1, max: 4 }),
  on: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 0, maxLength: 8 }),
  off: fc.array(fc.record({ a: fc.integer({ min: 1, max: 30 }), k: fc.integer({ min: 1, max: 999 }) }), { maxLength: 3 }),
  needFrac: fc.integer({ min: 0, max: 1000 }),
  needDen: fc.constantFrom(1n, 2n, 3n),
});

test('offGridThreshold never exceeds the least subset sum ≥ need (enumerated) and never falls below the plain gcd grid, 300 cases', () => {
  let lifted = 0;
  let tight = 0;
  fc.assert(
    fc.property(arbAmounts, ({ step, on, off, needFrac, needDen }) => {
      const amounts = [
        ...on.map((a) => Rational.of(BigInt(a * step))),
        ...off.map(({ a, k }) => Rational.of(BigInt(a * (1000 - k)), 1000n)),
      ];
      const units = amounts.map((a) => a.mul(Rational.of(1000n)).toBigInt('down'));
      const total = units.reduce((x, y) => x + y, 0n);
      const need = Rational.of(total * BigInt(needFrac), 1000n * needDen);
      const got = offGridThreshold(
        units,
        amounts.map((a) => a.den),
        need,
      );
      const g = units.reduce((a, b) => {
        let [x, y] = [a, b];
        while (y) [x, y] = [y, x % y];
        return x;
      }, 0n);
      const plain = g === 0n ? need.toBigInt('up') : need.div(Rational.of(g)).toBigInt('up') * g;
      assert.ok(got >= plain, `below the plain grid: ${got} < ${plain}`);
      assert.ok(!Rational.of(got).lt(need), 'below need');
      const exact = leastSumAtLeast(units, need);
      if (exact !== null) {
        assert.ok(got <= exact, `lifted past an attainable sum: ${got} > ${exact}`);
        if (got > plain) lifted++;
        if (got === exact) tight++;
      }
    }),
    { seed, numRuns: 300 },
  );
  // the lift is active and mostly reaches the least attainable sum on these inputs (not a vacuous property)
  assert.ok(lifted >= 30, `lifted ${lifted}`);
  assert.ok(tight >= 150, `tight ${tight}`);
});

/** A random small network with some operators slashed by k/1000 (stake and every allocation). */
const arbSlashedOf = (shape: { opsMax: number; svcsMax: number; edgesMax: number }): fc.Arbitrary<Network> =>
  fc
    .record({
      net: arbNetwork(shape),
      slashes: fc.array(fc.record({ op: fc.nat(), k: fc.integer({ min: 1, max: 999 }) }), { minLength: 1, maxLength: 2 }),
    })
    .map(({ net, slashes }): Network => {
      let out = net;
      for (const { op, k } of slashes) {
        const id = out.operators[op % out.operators.length]!.id;
        const keep = Rational.of(BigInt(1000 - k), 1000n);
        out = {
          ...out,
          operators: out.operators.map((o) => (o.id === id ? { ...o, stake: o.stake.mul(keep) } : o)),
          allocations: out.allocations.map((a) => (a.operator === id ? { ...a, amount: a.amount.mul(keep) } : a)),
        };
      }
      return out;
    });
const arbSlashed = arbSlashedOf({ opsMax: 6, svcsMax: 3, edgesMax: 10 });

/**
 * Max of the program's objective over the 0/1 points of [lo, up] that satisfy its once/cap/link rows and whose
 * counted services really fall (Σ corrupted amounts ≥ α·W, SPEC §5): the cover rows (with the lifted thresholds)
 * are not trusted here.
 */
function bruteRealMax(ix: IndexedNetwork, cols: AttackColumns, p: ExactProgram, lo: Uint8Array, up: Uint8Array): bigint | null {
  const n = p.objective.length;
  const ys = new Set(cols.y.values());
  // the cover rows are the ones with a y column and a negative coefficient on it and lower bound 0
  const others = p.rows.filter((r) => !(r.lower !== null && r.cols.some((c, k) => ys.has(c) && r.coefs[k]! < 0n)));
  const free = Array.from({ length: n }, (_, j) => j).filter((j) => lo[j] !== up[j]);
  let best: bigint | null = null;
  const x = Uint8Array.from(lo);
  for (let m = 0; m < 2 ** free.length; m++) {
    for (const [k, j] of free.entries()) x[j] = (m >> k) & 1;
    const ok = others.every((r) => {
      const v = r.cols.reduce((a, c, k) => a + r.coefs[k]! * BigInt(x[c]!), 0n);
      return (r.lower === null || v >= r.lower) && (r.upper === null || v <= r.upper);
    });
    if (!ok) continue;
    const falls = [...cols.y].every(([s, j]) => {
      if (x[j] === 0) return true;
      let sum = Rational.ZERO;
      for (const e of ix.edgesOfSvc[s]!) {
        const b = cols.b.get(ix.edges[e]!.op);
        const pe = cols.p.get(e);
        if ((b !== undefined && x[b] === 1) || (pe !== undefined && x[pe] === 1)) sum = sum.add(ix.edges[e]!.amount);
      }
      return !sum.lt(ix.weight[s]!.mul(ix.alpha[s]!));
    });
    if (!falls) continue;
    const v = p.objective.reduce((a, c, j) => a + c * BigInt(x[j]!), 0n);
    if (best === null || v > best) best = v;
  }
  return best;
}

test('the node bound with grid deficits (coverDeficits) ≥ the best real point of every node box, 200 slashed networks, boxes and λ', () => {
  const arb = fc.record({
    net: arbSlashedOf({ opsMax: 5, svcsMax: 3, edgesMax: 7 }),
    fixes: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 20, maxLength: 20 }),
    lambda: fc.constantFrom(Rational.ONE, Rational.of(1n, 3n), Rational.of(3n, 7n), Rational.of(5n, 2n), Rational.of(1299n, 1000n)),
  });
  let boxes = 0;
  fc.assert(
    fc.property(arb, ({ net, fixes, lambda }) => {
      const c = coverBoxCase(net, fixes, lambda);
      if (c === null) return;
      const b = c.bound;
      const max = bruteRealMax(c.ix, c.cols, c.program, c.lo, c.up);
      if (max === null) return;
      boxes++;
      assert.notEqual(b, noPointBound);
      assert.ok(b >= max, `bound ${b} < best point ${max}`);
    }),
    { seed: seed + 3, numRuns: 200 },
  );
  assert.ok(boxes >= 100, `only ${boxes} boxes held a point`);
});

test('on slashed random networks every lifted threshold is ≤ the least attainable amount ≥ α·W, and bestAttackBnb and slack equal brute force, exact, 120 networks', async () => {
  await fc.assert(
    fc.asyncProperty(arbSlashed, async (net) => {
      const ix = indexNetwork(net);
      for (let s = 0; s < ix.svcIds.length; s++) {
        const units = ix.edgesOfSvc[s]!.map((e) => ix.edges[e]!.amount.mul(Rational.of(ix.lcd)).toBigInt('down'));
        const exact = leastSumAtLeast(units, ix.weight[s]!.mul(ix.alpha[s]!).mul(Rational.of(ix.lcd)));
        if (exact !== null) assert.ok(!Rational.of(exact, ix.lcd).lt(gridThreshold(ix, s)), `service ${s} lifted too far`);
      }
      const b = brute(net);
      const best = b.bestProfit !== null && b.bestProfit.sign() > 0 ? b.bestProfit : null;
      const r = await bestAttackBnb(ix, {});
      assert.equal(r.exact, true);
      assert.equal(str(r.attack?.profit), str(best));
      const g = await slack(ix, { method: 'dinkelbachBnb' });
      assert.equal(g.exact, true);
      assert.equal(str(g.gamma), str(b.slack));
      const d = await slack(ix, { method: 'bnb' });
      assert.equal(d.exact, true);
      assert.equal(str(d.gamma), str(b.slack));
    }),
    { seed: seed + 1, numRuns: 120 },
  );
});

/**
 * The diagnosed cause in small: one service whose amounts are integers but one (an operator slashed by 9/1000).
 * α·W = 12.4955 (12.496 on the 1/1000 grid); the integer sums reach 12 or 15, with the off-grid 2.991 the least
 * is 12.991. On the plain grid the root's LP and cover bound give every coalition that meets 12.496 exactly a
 * value of 0.495 at the optimal ratio, so the root cannot close; with the lifted threshold it does.
 */
const smallOffGrid: Network = {
  operators: [
    { id: 'a', stake: Rational.of(10n) },
    { id: 'b', stake: Rational.of(7n) },
    { id: 'c', stake: Rational.of(5n) },
    { id: 'd', stake: Rational.of(2991n, 1000n) },
  ],
  services: [{ id: 'x', profitFromCorruption: Rational.of(10n), attackThreshold: Rational.of(1n, 2n) }],
  allocations: [
    { operator: 'a', service: 'x', amount: Rational.of(10n) },
    { operator: 'b', service: 'x', amount: Rational.of(7n) },
    { operator: 'c', service: 'x', amount: Rational.of(5n) },
    { operator: 'd', service: 'x', amount: Rational.of(2991n, 1000n) },
  ],
};

test('regression: a threshold between two attainable sums (one amount off the grid) is lifted and the proof of γ* closes at the root', async () => {
  const ix = indexNetwork(smallOffGrid);
  assert.equal(gridThreshold(ix, 0).toString(), '12991/1000');
  const b = brute(smallOffGrid);
  assert.equal(str(b.slack), '2991/10000'); // cost 12.991 (a and d) on PfC 10
  const lambda = b.slack!.add(Rational.ONE);
  const root = await bestAttackBnb(ix, { pfcScale: lambda, nodesMax: 1 });
  assert.equal(root.exact, true);
  assert.equal(root.attack, null);
  const g = await slack(ix, { method: 'dinkelbachBnb' });
  assert.equal(g.exact, true);
  assert.equal(str(g.gamma), '2991/10000');
});
