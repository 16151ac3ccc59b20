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

/** A chain p0 holds p1 holds … p(n−1), listed top-down or bottom-up. */
function chain(n: number, order: 'top-down' | 'bottom-up'): Record<string, unknown>[] {
  const ps = Array.from({ length: n }, (_, i) =>
    i === n - 1
      ? { id: `p${i}`, kind: 'staker', holdings: [{ operator: 'o0', amount: 1 }] }
      : { id: `p${i}`, kind: 'lrt', holdings: [{ position: `p${i + 1}`, share: 1 }] },
  );
  return order === 'top-down' ? ps : ps.reverse();
}

test('position chains: the depth bound holds whatever the listing order; a cycle is only a real cycle', () => {
  const net = isolatedNetwork(2);
  for (const order of ['top-down', 'bottom-up'] as const) {
    // 16 links below the top (17 positions) is the documented bound; 40 is past it either way
    assert.equal(code({ network: net, positions: chain(17, order) }), 'ok', order);
    assert.equal(code({ network: net, positions: chain(18, order) }), 'SCENARIO_BOUND', order);
    assert.equal(code({ network: net, positions: chain(40, order) }), 'SCENARIO_BOUND', order);
  }
  // a diamond (two paths to the same position) is not a cycle
  assert.equal(
    code({
      network: net,
      positions: [
        {
          id: 'top',
          kind: 'lrt',
          holdings: [
            { position: 'l', share: 0.5 },
            { position: 'r', share: 0.5 },
          ],
        },
        { id: 'l', kind: 'vault', holdings: [{ position: 'leaf', share: 0.5 }] },
        { id: 'r', kind: 'vault', holdings: [{ position: 'leaf', share: 0.5 }] },
        { id: 'leaf', kind: 'staker', holdings: [{ operator: 'o0', amount: 1 }] },
      ],
    }),
    'ok',
  );
});

test('a position cannot hold more of an operator than its stake, nor more of an allocation than its amount', () => {
  const net = isolatedNetwork(2); // stake 1 per operator, fully allocated
  const pos = (holdings: unknown[]) => code({ network: net, positions: [{ id: 'a', kind: 'staker', holdings }] });
  assert.equal(pos([{ operator: 'o0', amount: 1 }]), 'ok');
  assert.equal(pos([{ operator: 'o0', amount: 1.5 }]), 'SCENARIO_HOLDING_EXCEEDS_STAKE');
  // two holdings on the same operator count together
  assert.equal(
    pos([
      { operator: 'o0', amount: 0.6 },
      { operator: 'o0', amount: 0.6 },
    ]),
    'SCENARIO_HOLDING_EXCEEDS_STAKE',
  );
  assert.equal(pos([{ operator: 'o0', service: 's0', amount: 1 }]), 'ok');
  assert.equal(pos([{ operator: 'o0', service: 's0', amount: 2 }]), 'SCENARIO_HOLDING_EXCEEDS_STAKE');
});

test('floats in scenario files are finite and bounded (no Infinity or NaN reaches a yield)', () => {
  const net = isolatedNetwork(2);
  const huge = `1${'0'.repeat(400)}`;
  assert.equal(code({ network: net, defaults: { service: { feeRate: 1e308 } } }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, services: [{ id: 's0', feeRate: huge }] }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, services: [{ id: 's0', feeRate: `${huge}/1` }] }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, services: [{ id: 's0', feeRate: `${huge}/${huge}` }] }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, pricing: { targetReturn: 1e308 } }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, pricing: { costOfCapital: 11 } }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, optimize: { budget: 1e300 } }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, optimize: { lambda: 1e300 } }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, positions: [{ id: 'p', kind: 'insurance', capital: 1e300 }] }), 'SCENARIO_INVALID');
  assert.equal(code({ network: net, services: [{ id: 's0', feeRate: 0.05 }], pricing: { targetReturn: '-0.5' } }), 'ok');
});
