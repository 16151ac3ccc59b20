import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseScenario } from '../../../src/risk/scenario/parseScenario.js';
import { isolatedNetwork } from '../montecarlo/fixtures.js';

const noFiles = () => {
  throw new Error('no files');
};

function code(raw: Record<string, unknown>): string {
  const r = parseScenario(raw, noFiles);
  return r.ok ? 'ok' : r.error.code;
}

test('scenario defaults are applied when fields are absent', () => {
  const r = parseScenario({ network: isolatedNetwork(2) }, noFiles);
  assert.ok(r.ok);
  const s = r.value;
  assert.equal(s.services[0]?.faultProbability, 0.01);
  assert.deepEqual(s.services[0]?.severity, { kind: 'fixed', value: 0.1 });
  assert.equal(s.operators[1]?.faultProbability, 0.005);
  assert.equal(s.simulation.scenarios, 100_000);
  assert.deepEqual(s.simulation.levels, [0.95, 0.99]);
  assert.equal(s.pricing.tailLevel, 0.99);
  assert.equal(s.optimize.mode, 'unique');
});

test('factor membership from the factor and from the entity, with loading overrides', () => {
  const r = parseScenario(
    {
      network: isolatedNetwork(3),
      factors: [
        { id: 'm', loading: 0.2, members: 'all' },
        { id: 'aws', loading: '0.3', members: ['o0', 's1'] },
      ],
      operators: [{ id: 'o2', factors: { aws: 0.5 } }],
    },
    noFiles,
  );
  assert.ok(r.ok);
  assert.deepEqual(r.value.operators[0]?.loadings, [
    { factor: 0, loading: 0.2 },
    { factor: 1, loading: 0.3 },
  ]);
  assert.deepEqual(r.value.operators[2]?.loadings, [
    { factor: 0, loading: 0.2 },
    { factor: 1, loading: 0.5 },
  ]);
  assert.deepEqual(r.value.services[1]?.loadings, [
    { factor: 0, loading: 0.2 },
    { factor: 1, loading: 0.3 },
  ]);
});

test('strict validation returns coded errors', () => {
  const net = isolatedNetwork(2);
  assert.equal(code({ network: net, extra: 1 }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, defaults: { service: { faultProbability: 1.5 } } }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, services: [{ id: 'nope' }] }), 'SCENARIO_UNKNOWN_REFERENCE');
  assert.equal(code({ network: net, operators: [{ id: 'o0' }, { id: 'o0' }] }), 'SCENARIO_DUPLICATE_ID');
  assert.equal(
    code({
      network: net,
      factors: [
        { id: 'a', loading: 0.8, members: 'all' },
        { id: 'b', loading: 0.7, members: 'all' },
      ],
    }),
    'SCENARIO_LOADINGS_TOO_LARGE',
  );
  assert.equal(code({ network: net, operators: [{ id: 'o0', factors: ['ghost'] }] }), 'SCENARIO_UNKNOWN_REFERENCE');
  assert.equal(code({ network: net, defaults: { operator: { severity: { kind: 'uniform', min: 0.5, max: 0.1 } } } }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, defaults: { operator: { severity: { kind: 'beta', alpha: 0, beta: 1 } } } }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, simulation: { scenarios: 2 ** 24 } }), 'SCENARIO_BOUND');
  assert.equal(
    code({
      network: net,
      positions: [
        { id: 'a', kind: 'lrt', holdings: [{ position: 'b', share: 1 }] },
        { id: 'b', kind: 'vault', holdings: [{ position: 'a', share: 1 }] },
      ],
    }),
    'SCENARIO_POSITION_CYCLE',
  );
  assert.equal(
    code({ network: net, positions: [{ id: 'a', kind: 'staker', holdings: [{ operator: 'x', amount: 1 }] }] }),
    'SCENARIO_UNKNOWN_REFERENCE',
  );
  assert.equal(
    code({ network: net, positions: [{ id: 'a', kind: 'staker', covers: [{ position: 'a', limit: 1 }] }] }),
    'SCENARIO_POSITION_CYCLE',
  );
  assert.equal(code({ network: net, optimize: { minServiceStake: { ghost: 1 } } }), 'SCENARIO_UNKNOWN_REFERENCE');
  assert.notEqual(code({ network: { operators: [] } }), 'ok');
});
