import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../../src/risk/montecarlo/simulate.js';
import { binomialCdf, isolatedNetwork, scenarioOf } from './fixtures.js';

const n = 40;
const p = 0.03;
const severity = 0.5;
const scenarios = 100_000;

function binomialQuantile(level: number): number {
  const cdf = binomialCdf(n, p);
  return cdf.findIndex((c) => c >= level);
}

for (const via of ['operator', 'service'] as const) {
  test(`independent ${via} faults: expected loss within 3 SE of n·p·severity, VaR equals the binomial quantile`, async () => {
    const fault = { faultProbability: p, severity: { kind: 'fixed', value: severity } };
    const none = { faultProbability: 0 };
    const sc = scenarioOf({
      network: isolatedNetwork(n),
      defaults: via === 'operator' ? { operator: fault, service: none } : { operator: none, service: fault },
      simulation: { scenarios, seed: 11, levels: [0.95, 0.99] },
    });
    const { report } = await simulate(sc, { threads: 1 });
    const closed = n * p * severity;
    assert.ok(
      Math.abs(report.network.expectedLoss - closed) < 3 * report.network.stdError,
      `EL ${report.network.expectedLoss} vs ${closed}`,
    );
    for (const { level, value } of report.network.valueAtRisk) assert.equal(value, binomialQuantile(level) * severity, `VaR at ${level}`);
    const one = via === 'operator' ? report.operators[0] : report.services[0];
    assert.ok(one);
    assert.ok(Math.abs(one.probabilityOfLoss - p) < 3 * Math.sqrt((p * (1 - p)) / scenarios));
    assert.equal(one.valueAtRisk[0]?.value, 0, 'single-entity VaR at 95% is 0 (p = 3%)');
    assert.equal(one.valueAtRisk[1]?.value, severity, 'single-entity VaR at 99% is the severity');
  });
}
