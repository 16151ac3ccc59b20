import assert from 'node:assert/strict';
import { test } from 'node:test';
import { simulate } from '../../../src/risk/montecarlo/simulate.js';
import { generateScenario } from '../../../src/risk/scenario/generateScenario.js';
import { scenarioOf } from './fixtures.js';

function withPositions(): Record<string, unknown> {
  const raw = generateScenario({ operators: 120, services: 15, seed: 3 });
  raw.positions = [
    {
      id: 'alice',
      kind: 'staker',
      holdings: [
        { operator: 'op-0000', amount: '1000' },
        { operator: 'op-0005', amount: '500' },
      ],
    },
    {
      id: 'vaultA',
      kind: 'vault',
      holdings: [
        { operator: 'op-0001', amount: '20000' },
        { operator: 'op-0002', amount: '10000' },
      ],
    },
    {
      id: 'lrt',
      kind: 'lrt',
      holdings: [
        { position: 'vaultA', share: 0.6 },
        { operator: 'op-0003', amount: '5000' },
      ],
    },
    { id: 'pool', kind: 'insurance', covers: [{ position: 'lrt', deductible: 100, limit: 5000 }], capital: 3000 },
  ];
  return raw;
}

test('seed reproducibility: bit-identical results with 1, 2 and 4 threads', async () => {
  const sc = scenarioOf(withPositions());
  const runs = [];
  for (const threads of [1, 2, 4]) runs.push(await simulate(sc, { scenarios: 30_000, seed: 1234, threads }));
  const [a, ...rest] = runs;
  assert.ok(a);
  for (const b of rest) {
    assert.deepEqual(Buffer.from(b.raw.totals.buffer), Buffer.from(a.raw.totals.buffer));
    assert.deepEqual(Buffer.from(b.raw.positions.buffer), Buffer.from(a.raw.positions.buffer));
    assert.equal(JSON.stringify(b.report), JSON.stringify(a.report));
  }
  assert.ok(a.report.positions.some((p) => p.expectedLoss > 0));
  const other = await simulate(sc, { scenarios: 30_000, seed: 1235, threads: 2 });
  assert.notEqual(other.report.network.expectedLoss, a.report.network.expectedLoss);
});

test('look-through: LRT loss = share of the vault loss + own holdings; insurance pays capped claims', async () => {
  const sc = scenarioOf(withPositions());
  const { raw, model } = await simulate(sc, { scenarios: 5_000, seed: 77, threads: 1 });
  const n = raw.scenarios;
  const idx = new Map(sc.positions.map((p, i) => [p.id, i]));
  const at = (id: string, i: number) => raw.positions[(idx.get(id) ?? 0) * n + i] ?? 0;
  const op3 = sc.network.operators.findIndex((o) => o.id === 'op-0003');
  assert.ok(op3 >= 0 && model.nPos === 4);
  let checked = 0;
  for (let i = 0; i < n; i++) {
    const claim = Math.min(5000, Math.max(0, at('lrt', i) - 100));
    assert.ok(Math.abs(at('pool', i) - Math.min(3000, claim)) < 1e-6);
    if (at('vaultA', i) > 0) checked++;
    assert.ok(at('lrt', i) >= 0.6 * at('vaultA', i) - 1e-9);
  }
  assert.ok(checked > 0);
});

test('sparse and dense sampling agree in distribution (expected loss within 4 combined SE)', async () => {
  const sc = scenarioOf(generateScenario({ operators: 150, services: 20, seed: 8 }));
  const sparse = await simulate(sc, { scenarios: 20_000, seed: 1, threads: 1 });
  const dense = await simulate(sc, { scenarios: 20_000, seed: 2, threads: 1, dense: true });
  const a = sparse.report.network;
  const b = dense.report.network;
  assert.ok(Math.abs(a.expectedLoss - b.expectedLoss) < 4 * Math.hypot(a.stdError, b.stdError), `${a.expectedLoss} vs ${b.expectedLoss}`);
});
