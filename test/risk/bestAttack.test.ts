import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { bestAttack } from '../../src/risk/bestAttack.js';
import { generateNetwork } from '../../src/risk/generateNetwork.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
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

/** Same network with every amount divided by a huge prime-ish integer: the exact grid is finer than floats. */
function fineGrid(net: Network): Network {
  const k = Rational.of(1n, 10n ** 30n + 57n);
  return {
    operators: net.operators.map((o) => ({ ...o, stake: o.stake.mul(k) })),
    services: net.services.map((s) => ({ ...s, profitFromCorruption: s.profitFromCorruption.mul(k) })),
    allocations: net.allocations.map((a) => ({ ...a, amount: a.amount.mul(k) })),
  };
}

test('fine-grid regime (near-tie enumeration): exact on 40 tie networks scaled by 1/(1e30+57)', async () => {
  let [seen, exact] = [0, 0];
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 6, svcsMax: 4, edgesMax: 10 }), async (net0) => {
      const b0 = brute(net0);
      if (b0.slack === null || b0.slack.lte(Rational.of(-1n))) return;
      const net = fineGrid(onTie(net0, b0.slack));
      const r = await bestAttack(indexNetwork(net), { profitableOnly: false });
      seen++;
      if (r.exact) [exact] = [exact + 1, assert.equal(r.attack?.profit.toString(), '0')];
      else assert.ok(r.attack && r.attack.profit.sign() === 0 && r.profitUpperBound);
      const verdict = await bestAttack(indexNetwork(net));
      assert.equal(verdict.attack, null);
    }),
    { seed: seed + 6, numRuns: 40 },
  );
  assert.ok(seen >= 25 && exact >= seen / 2, `seen ${seen}, exact ${exact}`);
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
});
