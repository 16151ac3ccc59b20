// Network files accept "p/q" for every number (issue 15, SPEC §5): stake, PfC and amount as well as
// the threshold, as the JSON output writes them. Before, `"amount": "2/3"` was refused (BAD_NUMBER),
// so a network printed by the tool could not be read back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { analyzeNetwork } from '../../src/risk/analyzeNetwork.js';
import type { Network } from '../../src/risk/network.js';
import { networkJson } from '../../src/risk/networkJson.js';
import { parseNetwork } from '../../src/risk/parseNetwork.js';
import { networkFromText } from '../../src/risk/readNetworkFile.js';

/** FC_SEED replays a failure (fast-check prints the seed and path). */
const seed = process.env['FC_SEED'] === undefined ? {} : { seed: Number(process.env['FC_SEED']) };

test('a tie only "p/q" can write: stake 2/3 and 1/3, PfC 2/3, α 1/2 is secure with γ* = 0', async () => {
  // W_x = 2/3 + 1/3 = 1; a alone corrupts 2/3 ≥ α·W = 1/2, cost min(2/3, 2/3) = 2/3, profit 2/3 − 2/3 = 0:
  // not profitable (strict), so secure, and γ* = cost/PfC − 1 = 0. b alone (1/3 < 1/2) cannot; a + b
  // costs 1 > 2/3. Per-operator condition: a: PfC·w/(α·W) = (2/3)(2/3)/(1/2) = 8/9 > 2/3 fails,
  // b: (2/3)(1/3)/(1/2) = 4/9 > 1/3 fails (the sufficient condition fails on a secure network).
  // PfC as the decimal 0.6666666666666666666667 would make a's attack profitable.
  const text = JSON.stringify({
    operators: [
      { id: 'a', stake: '2/3' },
      { id: 'b', stake: '1/3' },
    ],
    services: [{ id: 'x', profitFromCorruption: '2/3', attackThreshold: '1/2' }],
    allocations: [
      { operator: 'a', service: 'x', amount: '2/3' },
      { operator: 'b', service: 'x' },
    ],
  });
  const n = networkFromText(text);
  assert.ok(n.ok, n.ok ? '' : n.error.message);
  assert.equal(n.value.allocations[0]?.amount.toString(), '2/3');
  const r = await analyzeNetwork(n.value);
  assert.equal(r.secure, true);
  assert.deepEqual(r.slack.attack?.operators, ['a']); // the weakest coalition: a alone, profit exactly 0
  assert.equal(r.slack.attack?.profit.toString(), '0');
  assert.equal(r.slack.gamma?.toString(), '0');
  assert.equal(r.operatorCondition.operators.get('a')?.lhs.toString(), '8/9');
  assert.equal(r.operatorCondition.operators.get('b')?.lhs.toString(), '4/9');
  assert.equal(r.operatorCondition.holds, false);
  // YAML, unquoted: 2/3 is a plain string there too
  const y = networkFromText(
    'operators:\n  - {id: a, stake: 2/3}\n  - {id: b, stake: 1/3}\nservices:\n  - {id: x, profitFromCorruption: 2/3, attackThreshold: 1/2}\nallocations:\n  - {operator: a, service: x, amount: 2/3}\n  - {operator: b, service: x}\n',
  );
  assert.ok(y.ok, y.ok ? '' : y.error.message);
  assert.deepEqual(networkJson(y.value), networkJson(n.value));
});

test('"p/q" is checked like a decimal: bounds, stake cap, malformed ratios', () => {
  const base = {
    operators: [{ id: 'a', stake: '2/3' }],
    services: [{ id: 'x', profitFromCorruption: '1', attackThreshold: '1' }],
  };
  const bad: [unknown, string][] = [
    [{ ...base, allocations: [{ operator: 'a', service: 'x', amount: '3/4' }] }, 'ALLOCATION_EXCEEDS_STAKE'], // 3/4 > 2/3
    [{ ...base, operators: [{ id: 'a', stake: '1/0' }] }, 'BAD_NUMBER'],
    [{ ...base, operators: [{ id: 'a', stake: '-1/3' }] }, 'BAD_NUMBER'],
    [{ ...base, operators: [{ id: 'a', stake: '01/3' }] }, 'BAD_NUMBER'],
    [{ ...base, operators: [{ id: 'a', stake: '1/3/4' }] }, 'BAD_NUMBER'],
    [{ ...base, operators: [{ id: 'a', stake: `1/${'9'.repeat(41)}` }] }, 'NUMBER_OUT_OF_RANGE'],
    [{ ...base, services: [{ id: 'x', profitFromCorruption: 'x/3', attackThreshold: '1' }] }, 'BAD_NUMBER'],
  ];
  for (const [value, code] of bad) {
    const r = parseNetwork(value);
    assert.equal(r.ok ? 'ok' : r.error.code, code, JSON.stringify(value));
  }
  const ok = parseNetwork({ ...base, allocations: [{ operator: 'a', service: 'x', amount: '2/3' }] });
  assert.ok(ok.ok);
  assert.ok(ok.value.allocations[0]?.amount.eq(Rational.of(2n, 3n)));
});

/** Random networks whose numbers are arbitrary non-negative rationals (most print as "p/q"). */
const ratioArb = fc
  .tuple(fc.bigInt(0n, 10n ** 12n), fc.constantFrom(1n, 2n, 3n, 7n, 10n, 12n, 1_000_000_007n))
  .map(([p, q]) => Rational.of(p, q));
const networkArb: fc.Arbitrary<Network> = fc
  .tuple(
    fc.array(ratioArb, { minLength: 1, maxLength: 5 }),
    fc.array(fc.tuple(ratioArb, fc.integer({ min: 1, max: 12 })), { minLength: 1, maxLength: 4 }),
    fc.array(fc.tuple(fc.nat(4), fc.nat(3), fc.integer({ min: 0, max: 4 })), { maxLength: 12 }),
  )
  .map(([stakes, svcs, edges]) => {
    const operators = stakes.map((stake, i) => ({ id: `o${i}`, stake }));
    const services = svcs.map(([pfc, t], s) => ({ id: `s${s}`, profitFromCorruption: pfc, attackThreshold: Rational.of(BigInt(t), 12n) }));
    const seen = new Set<string>();
    const allocations = [];
    for (const [o, s, part] of edges) {
      const op = operators[o % operators.length]!;
      const svc = services[s % services.length]!;
      if (seen.has(`${op.id}/${svc.id}`)) continue;
      seen.add(`${op.id}/${svc.id}`);
      allocations.push({ operator: op.id, service: svc.id, amount: op.stake.mul(Rational.of(BigInt(part), 4n)) });
    }
    return { operators, services, allocations };
  });

test('property: every network the tool writes reads back unchanged (400 random networks)', () => {
  fc.assert(
    fc.property(networkArb, (n) => {
      const written = networkJson(n);
      const back = networkFromText(JSON.stringify(written));
      assert.ok(back.ok, back.ok ? '' : `${back.error.code}: ${back.error.message}`);
      assert.deepEqual(networkJson(back.value), written);
      n.operators.forEach((o, i) => assert.ok(back.value.operators[i]?.stake.eq(o.stake)));
      n.services.forEach((s, i) => assert.ok(back.value.services[i]?.profitFromCorruption.eq(s.profitFromCorruption)));
      n.allocations.forEach((a, i) => assert.ok(back.value.allocations[i]?.amount.eq(a.amount)));
    }),
    { numRuns: 400, ...seed },
  );
});
