import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { bestAttack } from '../../src/risk/bestAttack.js';
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

test('best attack equals brute force on 200 random networks', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork(shape), async (net) => {
      const b = brute(net);
      const r = await bestAttack(indexNetwork(net));
      assert.equal(r.exact, true);
      if (b.bestProfit === null) return assert.equal(r.attack, null);
      assert.ok(r.attack, 'expected an attack');
      assert.equal(r.attack.profit.toString(), b.bestProfit.toString());
    }),
    { seed, numRuns: 200 },
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
      const r = await bestAttack(indexNetwork(net));
      assert.equal(r.exact, true);
      assert.equal(r.attack?.profit.toString(), '0');
      ties++;
    }),
    { seed: seed + 1, numRuns: 150 },
  );
  assert.ok(ties >= 100, `only ${ties} tie networks`);
});
