import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from '../../src/math/rational.js';
import { byzantineShock } from '../../src/risk/byzantineShock.js';
import { cascade } from '../../src/risk/cascade.js';
import { generateNetwork } from '../../src/risk/generateNetwork.js';
import { networkJson } from '../../src/risk/networkJson.js';
import { parseNetwork } from '../../src/risk/parseNetwork.js';
import { networkFromText } from '../../src/risk/readNetworkFile.js';
import { createPrng } from '../../src/risk/prng.js';

const good = {
  operators: [
    { id: 'a', stake: '2' },
    { id: 'b', stake: '3.5' },
  ],
  services: [{ id: 'x', profitFromCorruption: '1', attackThreshold: '2/3' }],
  allocations: [
    { operator: 'a', service: 'x' },
    { operator: 'b', service: 'x', amount: '1.25' },
  ],
};

test('network file: JSON and YAML parse exactly; amount omitted = full stake', () => {
  const j = networkFromText(JSON.stringify(good));
  assert.ok(j.ok);
  assert.equal(j.value.allocations[0]!.amount.toString(), '2');
  assert.equal(j.value.allocations[1]!.amount.toString(), '5/4');
  assert.equal(j.value.services[0]!.attackThreshold.toString(), '2/3');
  const yaml =
    'operators:\n  - {id: a, stake: "2"}\n  - {id: b, stake: 3.5}\nservices:\n  - {id: x, profitFromCorruption: "1", attackThreshold: 2/3}\nallocations:\n  - {operator: a, service: x}\n  - {operator: b, service: x, amount: "1.25"}\n';
  const y = networkFromText(yaml);
  assert.ok(y.ok, y.ok ? '' : y.error.message);
  assert.deepEqual(networkJson(y.value), networkJson(j.value));
});

test('network file: strict validation with catalogue codes', () => {
  const bad: [unknown, string][] = [
    [{ ...good, extra: 1 }, 'BAD_NETWORK'],
    [{ ...good, operators: [{ id: 'a', stake: '1e3' }] }, 'BAD_NUMBER'],
    [{ ...good, operators: [...good.operators, { id: 'a', stake: '1' }] }, 'DUPLICATE_ID'],
    [{ ...good, allocations: [{ operator: 'zz', service: 'x' }] }, 'UNKNOWN_REFERENCE'],
    [{ ...good, allocations: [{ operator: 'a', service: 'x', amount: '2.5' }] }, 'ALLOCATION_EXCEEDS_STAKE'],
    [{ ...good, services: [{ id: 'x', profitFromCorruption: '1', attackThreshold: '0' }] }, 'NUMBER_OUT_OF_RANGE'],
    [{ ...good, services: [{ id: 'x', profitFromCorruption: '1', attackThreshold: '3/2' }] }, 'NUMBER_OUT_OF_RANGE'],
    [{ ...good, services: [{ id: 'x', profitFromCorruption: '-1', attackThreshold: '1' }] }, 'NUMBER_OUT_OF_RANGE'],
    [{ ...good, allocations: [good.allocations[0], good.allocations[0]] }, 'DUPLICATE_ID'],
    [{ operators: [] }, 'BAD_FIELD'],
    [{ ...good, operators: [{ id: '', stake: '1' }] }, 'BAD_ID'],
  ];
  for (const [value, code] of bad) {
    const r = parseNetwork(value);
    assert.equal(r.ok ? 'ok' : r.error.code, code, JSON.stringify(value));
  }
  const r = networkFromText('{ not json');
  assert.equal(r.ok ? 'ok' : r.error.code, 'PARSE_ERROR');
});

test('generate: deterministic by seed, calibrated (top-10 share 60–75 %, large operators in 20–30 services)', () => {
  const a = JSON.stringify(networkJson(generateNetwork({ operators: 300, services: 40, seed: 42 })));
  const b = JSON.stringify(networkJson(generateNetwork({ operators: 300, services: 40, seed: 42 })));
  assert.equal(a, b);
  assert.notEqual(a, JSON.stringify(networkJson(generateNetwork({ operators: 300, services: 40, seed: 43 }))));
  const net = generateNetwork({ operators: 2000, services: 100, seed: 5 });
  const stakes = net.operators.map((o) => o.stake.toNumber()).sort((x, y) => y - x);
  const share = stakes.slice(0, 10).reduce((x, y) => x + y, 0) / stakes.reduce((x, y) => x + y, 0);
  assert.ok(share >= 0.6 && share <= 0.75, `top-10 share ${share}`);
  const degree = new Map<string, number>();
  for (const al of net.allocations) degree.set(al.operator, (degree.get(al.operator) ?? 0) + 1);
  for (const o of net.operators.slice(0, 10)) assert.ok((degree.get(o.id) ?? 0) >= 20 && (degree.get(o.id) ?? 0) <= 30);
  const reparsed = parseNetwork(JSON.parse(JSON.stringify(networkJson(net))));
  assert.ok(reparsed.ok);
});

test('prng: fixed sequence for a seed, unbiased ints in range', () => {
  const p = createPrng(1);
  const first = [p.nextUint32(), p.nextUint32(), p.nextUint32()];
  const q = createPrng(1);
  assert.deepEqual([q.nextUint32(), q.nextUint32(), q.nextUint32()], first);
  for (let i = 0; i < 1000; i++) {
    const k = p.nextInt(7);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 7);
  }
});

test('Byzantine shock slashes allocations and clamps (elastic stretch); cascade removes fallen services', async () => {
  const R = (n: number, d = 1): Rational => Rational.of(BigInt(n), BigInt(d));
  const net = {
    operators: [
      { id: 'a', stake: R(10) },
      { id: 'b', stake: R(10) },
    ],
    services: [
      { id: 'byz', profitFromCorruption: R(1), attackThreshold: R(1, 2) },
      { id: 's1', profitFromCorruption: R(12), attackThreshold: R(1, 2) },
      { id: 's2', profitFromCorruption: R(3), attackThreshold: R(1, 2) },
    ],
    allocations: [
      { operator: 'a', service: 'byz', amount: R(6) },
      { operator: 'a', service: 's1', amount: R(10) },
      { operator: 'b', service: 's1', amount: R(10) },
      { operator: 'b', service: 's2', amount: R(10) },
    ],
  };
  const r = byzantineShock(net, ['byz']);
  assert.ok(r.ok);
  assert.equal(r.value.totalSlashed.toString(), '6');
  assert.deepEqual(
    r.value.residual.allocations.map((a) => `${a.operator}/${a.service}/${a.amount}`),
    ['a/s1/4', 'b/s1/10', 'b/s2/10'],
  );
  const bad = byzantineShock(net, ['nope']);
  assert.equal(bad.ok ? 'ok' : bad.error.code, 'UNKNOWN_SERVICE_ID');
  // residual: s1 needs 7 of 14: a's edge (4) is not enough; b (stake 10, elastic on s1 and s2) takes
  // both for min(10, 20) = 10 < 15
  const c = await cascade(r.value.residual);
  assert.equal(c.steps.length, 1);
  assert.deepEqual(c.steps[0]!.attack.services, ['s1', 's2']);
  assert.equal(c.steps[0]!.attack.profit.toString(), '5');
  assert.equal(c.stakeLost.toString(), '10');
});
