import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rational } from '../../../src/math/rational.js';
import type { AlertRule } from '../../../src/risk/alerts/alertRule.js';
import { evaluateAlerts } from '../../../src/risk/alerts/evaluateAlerts.js';
import { parseAlertRule } from '../../../src/risk/alerts/parseAlertRule.js';
import { computeMetrics } from '../../../src/risk/metrics/computeMetrics.js';
import type { Network } from '../../../src/risk/network.js';

const R = (n: bigint, d = 1n): Rational => Rational.of(n, d);
function net(amountOnX: bigint, pfcX = 4n): Network {
  return {
    operators: [
      { id: 'a', stake: R(10n) },
      { id: 'b', stake: R(10n) },
    ],
    services: [
      { id: 'x', profitFromCorruption: R(pfcX), attackThreshold: R(1n, 2n) },
      { id: 'y', profitFromCorruption: R(3n), attackThreshold: R(1n, 2n) },
    ],
    allocations: [
      { operator: 'a', service: 'x', amount: R(amountOnX) },
      { operator: 'b', service: 'x', amount: R(10n) },
      { operator: 'b', service: 'y', amount: R(10n) },
    ],
  };
}
const metrics = (n: Network, seq: number) =>
  computeMetrics({ network: n, state: null, at: { block: seq, seq, stateHash: seq.toString(16).padStart(64, '0') } }).metrics;

function rule(id: string, body: unknown): AlertRule {
  const r = parseAlertRule(body);
  assert.ok(r.ok, JSON.stringify(body));
  return { id, owner: 'ed25519:' + 'aa'.repeat(32), ...r.value };
}

test('a threshold fires when its figure crosses it, once; a verdict when it flips; exposure and slash rules', () => {
  const rules = [
    rule('r1', { condition: { kind: 'threshold', metric: '/services/x/stake', direction: 'below', threshold: '15' } }),
    rule('r2', { condition: { kind: 'verdict' } }),
    rule('r3', { condition: { kind: 'slash', entity: 'operator', id: 'b' } }),
    rule('r4', { condition: { kind: 'threshold', metric: '/network/worstLoss/10%2F100', direction: 'above', threshold: '-1' } }),
  ];
  const m1 = metrics(net(10n), 1);
  const m2 = metrics(net(2n, 40n), 2); // x loses stake (20 → 12) and becomes worth attacking
  const m3 = metrics(net(1n, 40n), 3); // still below 15: no new crossing
  const first = evaluateAlerts(rules, null, m1, []);
  assert.deepEqual(
    first.map((e) => e.ruleId),
    ['r4'],
  ); // already beyond at the first state: fires once
  const e2 = evaluateAlerts(rules, m1, m2, [{ operator: 'b', set: 'x', vaults: ['v'], seq: 2 }]);
  assert.deepEqual(e2.map((e) => e.ruleId).sort(), ['r1', 'r2', 'r3']);
  const flip = e2.find((e) => e.ruleId === 'r2')!;
  assert.deepEqual([flip.before, flip.after], [true, false]);
  assert.deepEqual(
    evaluateAlerts(rules, m2, m3, []).map((e) => e.ruleId),
    [],
  );
  // same change, same ids (receivers de-duplicate); ids differ between rules
  assert.deepEqual(
    evaluateAlerts(rules, m1, m2, [{ operator: 'b', set: 'x', vaults: ['v'], seq: 2 }]).map((e) => e.id),
    e2.map((e) => e.id),
  );
  assert.equal(new Set(e2.map((e) => e.id)).size, e2.length);
});

test('bad rules are BAD_ALERT_RULE', () => {
  for (const body of [
    null,
    { condition: { kind: 'nope' } },
    { condition: { kind: 'threshold', metric: 'network/slack', direction: 'above', threshold: '1' } },
    { condition: { kind: 'threshold', metric: '/network/slack', direction: 'up', threshold: '1' } },
    { condition: { kind: 'threshold', metric: '/network/slack', direction: 'above', threshold: '1e5' } },
    { condition: { kind: 'slash', entity: 'staker', id: 'x' } },
    { condition: { kind: 'exposure', target: 'vault', id: 'v', limit: 'lots' } },
    { condition: { kind: 'verdict' }, webhook: 'ftp://x' },
    { condition: { kind: 'verdict' }, extra: 1 },
  ]) {
    const r = parseAlertRule(body);
    assert.ok(!r.ok && r.error.code === 'BAD_ALERT_RULE', JSON.stringify(body));
  }
});
