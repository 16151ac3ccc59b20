import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { Rational } from '../../src/math/rational.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import type { Network } from '../../src/risk/network.js';
import { operatorCondition } from '../../src/risk/operatorCondition.js';
import { readNetworkFile } from '../../src/risk/readNetworkFile.js';
import { slack } from '../../src/risk/slack.js';
import { worstLoss } from '../../src/risk/worstLoss.js';
import { brute, bruteWorstLoss } from './bruteForce.js';
import { arbNetwork } from './randomNetwork.js';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261125;
const R = (n: number | bigint, d: number | bigint = 1): Rational => Rational.of(BigInt(n), BigInt(d));

test('slack γ* equals brute force (Dinkelbach, exact) on 80 random networks', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 7, svcsMax: 4, edgesMax: 11 }), async (net) => {
      const b = brute(net);
      const r = await slack(indexNetwork(net));
      assert.equal(r.exact, true);
      assert.equal(r.gamma?.toString() ?? null, b.slack?.toString() ?? null);
    }),
    { seed: seed + 2, numRuns: 80 },
  );
});

test('worst loss R_ψ equals brute force on 50 tiny networks, and R_ψ < (1+1/γ*)ψ when γ* > 0', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 5, svcsMax: 3, edgesMax: 8 }), fc.integer({ min: 1, max: 9 }), async (net, k) => {
      const psi = R(k, 20);
      const expected = bruteWorstLoss(net, psi);
      const r = await worstLoss(indexNetwork(net), psi);
      assert.equal(r.exact, true);
      assert.equal(r.loss.toString(), expected.toString());
      const g = brute(net).slack;
      if (g && g.sign() > 0) assert.ok(r.loss.lt(Rational.ONE.add(Rational.ONE.div(g)).mul(psi)), `R=${r.loss} γ=${g} ψ=${psi}`);
    }),
    { seed: seed + 3, numRuns: 50 },
  );
});

/**
 * Tight construction (Durvasula–Roughgarden's bound is best possible): shocked operator D (stake ψ),
 * attackers B (stake b < ψ/γ), one service on D ∪ B with α = 1 and PfC = (ψ + b)/(1+γ), and a filler
 * operator outside every service. The network is exactly γ-secure, and after D is shocked B alone takes
 * the service profitably: R_ψ = ψ + b → (1 + 1/γ)ψ as b → ψ/γ.
 */
function tight(psi: Rational, gamma: Rational, b: Rational): Network {
  const filler = Rational.ONE.sub(psi).sub(b);
  return {
    operators: [
      { id: 'D', stake: psi },
      { id: 'B', stake: b },
      { id: 'F', stake: filler },
    ],
    services: [{ id: 's', profitFromCorruption: psi.add(b).div(Rational.ONE.add(gamma)), attackThreshold: Rational.ONE }],
    allocations: [
      { operator: 'D', service: 's', amount: psi },
      { operator: 'B', service: 's', amount: b },
    ],
  };
}

test('tight lower-bound construction: γ* exact, R_ψ = ψ + b approaches (1+1/γ)ψ from below', async () => {
  for (const [psi, gamma] of [
    [R(1, 100), R(1, 10)],
    [R(1, 1000), R(1, 10)],
    [R(1, 50), R(1, 2)],
  ] as const) {
    const bound = Rational.ONE.add(Rational.ONE.div(gamma)).mul(psi);
    for (const gap of [R(1, 10), R(1, 1000), R(1, 10 ** 6)]) {
      const b = psi.div(gamma).mul(Rational.ONE.sub(gap));
      const ix = indexNetwork(tight(psi, gamma, b));
      const s = await slack(ix);
      assert.equal(s.gamma?.toString(), gamma.toString());
      const w = await worstLoss(ix, psi);
      assert.equal(w.loss.toString(), psi.add(b).toString());
      assert.deepEqual(w.shock, ['D']);
      assert.deepEqual(w.attack?.operators, ['B']);
      assert.ok(w.loss.lt(bound));
      assert.ok(bound.sub(w.loss).lte(bound.mul(gap)));
    }
    // at b = ψ/γ exactly the attack after the shock earns exactly 0: not profitable, no cascade
    const atTie = await worstLoss(indexNetwork(tight(psi, gamma, psi.div(gamma))), psi);
    assert.equal(atTie.loss.toString(), psi.toString());
    assert.equal(atTie.attack, null);
  }
});

test('operator condition is exact and implies security on random networks', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 8, svcsMax: 5, edgesMax: 13 }), async (net) => {
      const c = operatorCondition(indexNetwork(net));
      const b = brute(net);
      if (c.holds) assert.ok(b.bestProfit === null || b.bestProfit.sign() <= 0);
      for (const e of c.operators.values()) assert.equal(e.holds, e.margin.sign() >= 0);
    }),
    { seed: seed + 4, numRuns: 100 },
  );
});

test('mainnet-like 200 × 30: γ* and R_0.01 are proven exactly (grid-rounded thresholds and shock budget)', async () => {
  const read = readNetworkFile(fileURLToPath(new URL('../../../examples/mainnet-like.json', import.meta.url)));
  assert.ok(read.ok);
  const ix = indexNetwork(read.value);
  const s = await slack(ix, { timeLimitS: 60 });
  assert.equal(s.exact, true);
  assert.equal(s.gamma?.toString(), '47941/187294');
  const w = await worstLoss(ix, R(1, 100), { timeLimitS: 60, slackLowerBound: s.gamma });
  assert.equal(w.exact, true);
  assert.equal(w.loss.toString(), '4999/499997'); // the largest shock alone: no profitable attack follows
  assert.equal(w.attack, null);
});
