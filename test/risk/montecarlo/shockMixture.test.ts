import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../../src/risk/montecarlo/simulate.js';
import { isolatedNetwork, scenarioOf } from './fixtures.js';

test('Bernoulli-mixture factor: marginal 1 − (1 − p)(1 − q·c) and joint default q·c² match the closed forms', async () => {
  const n = 10;
  const p = 0.01;
  const q = 0.1;
  const c = 0.5;
  const sc = scenarioOf({
    network: isolatedNetwork(n),
    defaults: { operator: { faultProbability: p, severity: { kind: 'fixed', value: 1 } }, service: { faultProbability: 0 } },
    factors: [{ id: 'cloud-outage', kind: 'cloud', shock: { probability: q, faultProbability: c }, members: 'operators' }],
    simulation: { scenarios: 80_000, seed: 17 },
  });
  assert.deepEqual(sc.operators[0]?.shocks, [{ factor: 0, probability: c }]);
  assert.deepEqual(sc.operators[0]?.loadings, []);
  const { raw, report } = await simulate(sc, { threads: 1 });
  const N = raw.totals.length;
  let pairs = 0;
  let faults = 0;
  for (const k of raw.totals) {
    pairs += k * (k - 1);
    faults += k;
  }
  const marginal = 1 - (1 - p) * (1 - q * c);
  // Two members fault together: both idiosyncratically, or through the shock (each with c or its own p).
  const joint = (1 - q) * p * p + q * (1 - (1 - p) * (1 - c)) ** 2;
  const pHat = faults / N / n;
  const jHat = pairs / N / (n * (n - 1));
  assert.ok(Math.abs(pHat - marginal) < 0.05 * marginal, `marginal ${pHat} vs ${marginal}`);
  console.log(
    `# shock mixture: marginal ${pHat.toFixed(5)} vs ${marginal.toFixed(5)}, joint ${jHat.toExponential(3)} vs ${joint.toExponential(3)}`,
  );
  assert.ok(Math.abs(jHat - joint) < 0.08 * joint, `joint ${jHat} vs ${joint}`);
  assert.ok((report.operators[0]?.probabilityOfLoss ?? 0) > p, 'the shock raises each operator’s fault probability');
});

test('a factor has either a loading or a shock', () => {
  assert.throws(
    () =>
      scenarioOf({ network: isolatedNetwork(1), factors: [{ id: 'x', loading: 0.2, shock: { probability: 0.1, faultProbability: 0.5 } }] }),
    /SCENARIO_INVALID/,
  );
  assert.throws(() => scenarioOf({ network: isolatedNetwork(1), factors: [{ id: 'x' }] }), /SCENARIO_INVALID/);
});
