import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { bestAttack } from '../../src/risk/bestAttack.js';
import { generateNetwork } from '../../src/risk/generateNetwork.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import { solverUnits } from '../../src/risk/milp/units.js';
import type { Network } from '../../src/risk/network.js';
import { brute } from './bruteForce.js';
import { arbNetwork } from './randomNetwork.js';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261125;
const shape = { opsMax: 8, svcsMax: 5, edgesMax: 13 };

/** Scales every PfC by r so that the best ratio attack sits exactly on profit 0. */
export function onTie(net: Network, slack: Rational): Network {
  const lambda = slack.add(Rational.ONE);
  return { ...net, services: net.services.map((s) => ({ ...s, profitFromCorruption: s.profitFromCorruption.mul(lambda) })) };
}

test('best attack (maximum profit, any sign) equals brute force on 150 random networks', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork(shape), async (net) => {
      const b = brute(net);
      const r = await bestAttack(indexNetwork(net), { profitableOnly: false });
      assert.equal(r.exact, true);
      if (b.bestProfit === null) return assert.equal(r.attack, null);
      assert.ok(r.attack, 'expected an attack');
      assert.equal(r.attack.profit.toString(), b.bestProfit.toString());
    }),
    { seed, numRuns: 150 },
  );
});

test('security verdict and profitable best attack equal brute force on 150 random networks', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork(shape), async (net) => {
      const b = brute(net);
      const r = await bestAttack(indexNetwork(net));
      assert.equal(r.exact, true);
      if (b.bestProfit === null || b.bestProfit.sign() <= 0) return assert.equal(r.attack, null);
      assert.equal(r.attack?.profit.toString(), b.bestProfit.toString());
    }),
    { seed: seed + 5, numRuns: 150 },
  );
});

test('best attack on 150 networks built to sit exactly on a tie (profit exactly 0)', async () => {
  let ties = 0;
  await fc.assert(
    fc.asyncProperty(arbNetwork(shape), async (net0) => {
      const b0 = brute(net0);
      if (b0.slack === null || b0.slack.lte(Rational.of(-1n))) return;
      const net = onTie(net0, b0.slack);
      const b = brute(net);
      assert.equal(b.bestProfit?.toString(), '0');
      const r = await bestAttack(indexNetwork(net), { profitableOnly: false });
      assert.equal(r.exact, true);
      assert.equal(r.attack?.profit.toString(), '0');
      const verdict = await bestAttack(indexNetwork(net));
      assert.equal(verdict.exact, true);
      assert.equal(verdict.attack, null, 'profit exactly 0 is not profitable: secure');
      ties++;
    }),
    { seed: seed + 1, numRuns: 150 },
  );
  assert.ok(ties >= 100, `only ${ties} tie networks`);
});

/**
 * Same network with every amount multiplied by (10^30+57)/(10^30+91): the least common denominator grows by
 * 10^30+91 while the scale stays the same, so the grid the solver units see (1/lcd, about 1e-24 of a unit)
 * is far below float noise and `solverUnits` gives no step: certification must go through near-tie
 * enumeration (no-good cuts until the window above best − tol is empty). (Dividing by a big integer alone
 * does not do this: lcd and scale grow together and the step in units is unchanged.)
 */
function fineGrid(net: Network): Network {
  const k = Rational.of(10n ** 30n + 57n, 10n ** 30n + 91n);
  return {
    operators: net.operators.map((o) => ({ ...o, stake: o.stake.mul(k) })),
    services: net.services.map((s) => ({ ...s, profitFromCorruption: s.profitFromCorruption.mul(k) })),
    allocations: net.allocations.map((a) => ({ ...a, amount: a.amount.mul(k) })),
  };
}

/**
 * Without a time or node limit `exactMax` leaves an answer uncertified only when HiGHS fails (a status
 * other than optimal/infeasible) or the `certifyRoundsMax` (40) re-solves run out: in this regime, more than
 * about 40 0/1 points within float noise of the optimum (each is cut off by a no-good and the program solved
 * again); on a grid, 40 incumbents failing their exact check. On these tiny tie networks (≤ 10 edges, ≤ 4 services)
 * at most 4 rounds are needed (measured: 2 on 62 of 66 networks, 3 or 4 on the rest), so every answer must
 * be exact: a non-exact one is a bug, not a tolerated outcome.
 */
test('fine-grid regime (near-tie enumeration): exact on every tie network scaled by (1e30+57)/(1e30+91)', async () => {
  let seen = 0;
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 6, svcsMax: 4, edgesMax: 10 }), async (net0) => {
      const b0 = brute(net0);
      if (b0.slack === null || b0.slack.lte(Rational.of(-1n))) return;
      const ix = indexNetwork(fineGrid(onTie(net0, b0.slack)));
      assert.equal(solverUnits(ix.totalStake.add(ix.totalPfc), ix.lcd).stepUnits, null, 'not in the fine-grid regime');
      const r = await bestAttack(ix, { profitableOnly: false });
      assert.equal(r.exact, true);
      assert.equal(r.attack?.profit.toString(), '0');
      assert.equal(r.profitUpperBound?.toString(), '0');
      const verdict = await bestAttack(ix);
      assert.equal(verdict.exact, true);
      assert.equal(verdict.attack, null, 'profit exactly 0 is not profitable: secure');
      seen++;
    }),
    { seed: seed + 6, numRuns: 60 },
  );
  assert.ok(seen >= 30, `only ${seen} tie networks`);
});

test('a node budget gives certified bounds, the same on every run, around the exact answer', async () => {
  const ix = indexNetwork(generateNetwork({ operators: 150, services: 20, seed: 3 }));
  const exact = await bestAttack(ix, { profitableOnly: false });
  assert.equal(exact.exact, true);
  const a = await bestAttack(ix, { profitableOnly: false, nodesMax: 1 });
  const b = await bestAttack(ix, { profitableOnly: false, nodesMax: 1 });
  assert.equal(a.exact, false, 'one node does not prove this network (else pick a harder one)');
  assert.ok(a.attack && a.profitUpperBound && exact.attack);
  assert.ok(a.attack.profit.lte(exact.attack.profit) && exact.attack.profit.lte(a.profitUpperBound));
  assert.equal(a.attack.profit.toString(), b.attack?.profit.toString());
  assert.equal(a.profitUpperBound.toString(), b.profitUpperBound?.toString());
  // a node budget that is not a positive integer is a programmer error (assertion), not a silent default
  await assert.rejects(bestAttack(ix, { nodesMax: 0 }), /nodesMax is a positive integer/);
});
