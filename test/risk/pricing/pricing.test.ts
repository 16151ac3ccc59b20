import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../../src/risk/montecarlo/simulate.js';
import { priceScenario } from '../../../src/risk/pricing/priceScenario.js';
import { isolatedNetwork, scenarioOf } from '../montecarlo/fixtures.js';

test('pricing on an isolated operator: risk-adjusted yield, required fee and full-cover premium match closed forms', async () => {
  const p = 0.03;
  const sev = 0.5;
  const fee = 0.06;
  const sc = scenarioOf({
    network: isolatedNetwork(1),
    defaults: {
      operator: { faultProbability: p, severity: { kind: 'fixed', value: sev } },
      service: { faultProbability: 0, feeRate: fee },
    },
    positions: [
      { id: 'alice', kind: 'staker', holdings: [{ operator: 'o0', amount: 0.5 }] },
      { id: 'pool', kind: 'insurance', covers: [{ position: 'alice', deductible: 0, limit: 0.5 }], capital: 1 },
    ],
    simulation: { scenarios: 50_000, seed: 3, levels: [0.99] },
    pricing: { targetReturn: 0.02, costOfCapital: 0.1, tailLevel: 0.99, loading: 0 },
  });
  const sim = await simulate(sc, { threads: 1 });
  const pr = priceScenario(sc, sim.model, sim.report, sim.raw);
  const alice = pr.positions.find((x) => x.id === 'alice');
  assert.ok(alice);
  const se = Math.sqrt((p * (1 - p)) / 50_000) * sev;
  assert.equal(alice.feeYield, fee);
  assert.ok(Math.abs(alice.riskAdjustedYield - (fee - p * sev)) < 3 * se);
  const cover = pr.covers[0];
  assert.ok(cover);
  const expected = 0.5 * p * sev + 0.1 * (0.5 * sev - 0.5 * p * sev);
  assert.ok(Math.abs(cover.premium - expected) < 3 * se * 0.5 * 1.1, `premium ${cover.premium} vs ${expected}`);
  assert.ok(Math.abs(cover.tailClaim - 0.25) < 1e-12, 'ES99 of the claim is the full 0.25 (p = 3 % > 1 %)');
  const svc = pr.services[0];
  assert.ok(svc);
  assert.ok(Math.abs(svc.requiredFee - (0.02 + p * sev)) < 3 * se);
  assert.ok(Math.abs(svc.requiredFee - svc.standaloneFee) < 1e-12, 'isolated stake earns nothing else');
  const pool = pr.positions.find((x) => x.id === 'pool');
  assert.ok(pool && Math.abs(pool.feeYield - cover.premium / 1) < 1e-12, 'the pool earns the premium on its capital');
});
