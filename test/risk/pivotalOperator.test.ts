import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rational } from '../../src/math/rational.js';
import { priorities } from '../../src/risk/bestAttackBnb.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import { attackVariables } from '../../src/risk/milp/attackProgram.js';
import { attackColumns } from '../../src/risk/milp/exactAttackProgram.js';
import type { Network } from '../../src/risk/network.js';
import { pivotalOperator } from '../../src/risk/pivotalOperator.js';

// Issue 14, tenth pass: operators whose single allocation reaches a service's threshold are branched on first.

const r = (n: bigint, d = 1n): Rational => Rational.of(n, d);
// x: α 1/2, W = 5, need 5/2 (nobody alone); y: α 2/3, W = 3, need 2 (c alone, at equality; a not)
const net: Network = {
  operators: [
    { id: 'a', stake: r(1n) },
    { id: 'b', stake: r(1n) },
    { id: 'c', stake: r(2n) },
    { id: 'd', stake: r(1n) },
  ],
  services: [
    { id: 'x', profitFromCorruption: r(1n), attackThreshold: r(1n, 2n) },
    { id: 'y', profitFromCorruption: r(3n), attackThreshold: r(2n, 3n) },
  ],
  allocations: [
    { operator: 'a', service: 'x', amount: r(1n) },
    { operator: 'b', service: 'x', amount: r(1n) },
    { operator: 'c', service: 'x', amount: r(2n) },
    { operator: 'd', service: 'x', amount: r(1n) },
    { operator: 'a', service: 'y', amount: r(1n) },
    { operator: 'c', service: 'y', amount: r(2n) },
  ],
};

test('pivotalOperator: an allocation reaching α_s·W_s exactly makes its operator pivotal, one unit less does not', () => {
  const ix = indexNetwork(net);
  const pivotal = ix.opIds.filter((_, v) => pivotalOperator(ix, v));
  assert.deepEqual(pivotal, ['c']);
  const less = indexNetwork({
    ...net,
    allocations: net.allocations.map((a) => (a.operator === 'c' && a.service === 'y' ? { ...a, amount: r(199n, 100n) } : a)),
  });
  assert.deepEqual(
    less.opIds.filter((_, v) => pivotalOperator(less, v)),
    [],
  );
});

test('priorities: a pivotal operator is branched on before every service, the others after them', () => {
  const ix = indexNetwork(net);
  const vars = attackVariables(ix);
  const cols = attackColumns(ix, vars, false);
  const p = priorities(ix, vars, cols);
  const ys = [...cols.y.values()].map((j) => p[j]!);
  const b = (id: string): number => p[cols.b.get(ix.opIds.indexOf(id))!]!;
  assert.ok(ys.length === 2);
  for (const y of ys) {
    assert.ok(b('c') > y, 'the pivotal operator before the services');
    assert.ok(b('a') < y, 'a non-pivotal operator after the services');
  }
});
