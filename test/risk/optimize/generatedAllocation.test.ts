import assert from 'node:assert/strict';
import { test } from 'node:test';
import { optimizeScenario } from '../../../src/risk/optimize/optimizeScenario.js';
import { generateScenario } from '../../../src/risk/scenario/generateScenario.js';
import { scenarioOf } from '../montecarlo/fixtures.js';

for (const mode of ['unique', 'elastic'] as const) {
  test(`generated network (${mode}): optimised allocation beats equal weights on CVaR at equal or higher fee yield`, async () => {
    const raw = generateScenario({ operators: 300, services: 30, seed: 21 });
    raw.optimize = {
      budget: 1_000_000,
      lambda: 1,
      level: 0.95,
      scenarios: 5000,
      mode,
      candidates: 120,
      maxPerPair: 0.1,
      maxPerOperator: 0.25,
      maxPerService: 0.4,
    };
    const r = await optimizeScenario(scenarioOf(raw));
    assert.ok(r.ok, r.ok ? '' : r.error.message);
    const { equalWeights: eq, equalYieldMinRisk: opt, optimized } = r.value;
    assert.ok(opt);
    assert.ok(opt.inSample.feeYield >= eq.inSample.feeYield - 1e-9, `fee ${opt.inSample.feeYield} vs ${eq.inSample.feeYield}`);
    assert.ok(opt.inSample.cvar < eq.inSample.cvar, `CVaR ${opt.inSample.cvar} vs ${eq.inSample.cvar}`);
    const objective = (m: { feeYield: number; cvar: number }) => m.feeYield - m.cvar;
    assert.ok(objective(optimized.inSample) >= objective(eq.inSample) - 1e-9);
    const total = r.value.allocation.reduce((s, l) => s + l.amount, 0);
    if (mode === 'unique') assert.ok(Math.abs(total - 1_000_000) < 1e-3);
    console.log(
      `# ${mode}: equal weights fee ${eq.inSample.feeYield.toFixed(5)} CVaR95 ${eq.inSample.cvar.toFixed(5)} (out of sample ${eq.outOfSample.cvar.toFixed(5)}); ` +
        `optimised at ≥ equal yield: fee ${opt.inSample.feeYield.toFixed(5)} CVaR95 ${opt.inSample.cvar.toFixed(5)} (out of sample ${opt.outOfSample.cvar.toFixed(5)})`,
    );
  });
}
