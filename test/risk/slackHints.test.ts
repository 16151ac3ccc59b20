import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import { analyzeNetwork } from '../../src/risk/analyzeNetwork.js';
import type { Attack } from '../../src/risk/attack.js';
import { attackOnNetwork } from '../../src/risk/attackOnNetwork.js';
import { newComponentCache } from '../../src/risk/componentCache.js';
import { evaluateAttack } from '../../src/risk/evaluateAttack.js';
import { indexNetwork } from '../../src/risk/indexNetwork.js';
import type { Network } from '../../src/risk/network.js';
import { slack } from '../../src/risk/slack.js';
import { brute } from './bruteForce.js';
import { arbNetwork } from './randomNetwork.js';

// Issue 14: the slack search may start from attacks found elsewhere (the best attack, an earlier
// analysis' weakest coalition kept in the cache). A hint changes how many exact solves γ* takes, never
// the figure: these properties check hinted and warm runs against cold runs and brute force.
// Replay a failure with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261204;
const str = (x: Rational | null | undefined): string | null => (x === null || x === undefined ? null : x.toString());

/** An attack corrupting the edges picked by `mask` bits (valued exactly on `net`), or one naming an edge `net` lacks. */
function hintOf(net: Network, mask: number, foreign: boolean): Attack {
  const ix = indexNetwork(net);
  const corrupted = new Set(ix.edges.map((_, e) => e).filter((e) => (mask >> e) & 1));
  const ev = evaluateAttack(ix, corrupted, new Set(), Rational.ONE, false);
  return foreign ? { ...ev.attack, edges: [...ev.attack.edges, { operator: 'nobody', service: 'nothing' }] } : ev.attack;
}

test('slack with arbitrary hints equals brute force, exact, on 120 random networks', async () => {
  await fc.assert(
    fc.asyncProperty(
      arbNetwork({ opsMax: 7, svcsMax: 4, edgesMax: 11 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 2047 }), fc.boolean()), { maxLength: 4 }),
      async (net, picks) => {
        const hints = picks.map(([mask, foreign]) => hintOf(net, mask, foreign));
        const ix = indexNetwork(net);
        const r = await slack(ix, { hints });
        assert.equal(r.exact, true);
        assert.equal(str(r.gamma), str(brute(net).slack));
        if (r.gamma !== null) {
          // the reported coalition is real on this network and realises γ*
          const again = attackOnNetwork(ix, r.attack!);
          assert.ok(again !== null);
          assert.equal(again.cost.div(again.revenue).sub(Rational.ONE).toString(), r.gamma.toString());
        }
      },
    ),
    { seed, numRuns: 120 },
  );
});

test('attackOnNetwork re-values an attack exactly and refuses edges the network lacks', () => {
  const R = (n: number): Rational => Rational.of(BigInt(n));
  const net: Network = {
    operators: [
      { id: 'a', stake: R(4) },
      { id: 'b', stake: R(3) },
    ],
    services: [
      { id: 'x', profitFromCorruption: R(5), attackThreshold: Rational.of(1n, 2n) },
      { id: 'y', profitFromCorruption: R(2), attackThreshold: Rational.ONE },
    ],
    allocations: [
      { operator: 'a', service: 'x', amount: R(4) },
      { operator: 'a', service: 'y', amount: R(4) },
      { operator: 'b', service: 'x', amount: R(3) },
      { operator: 'b', service: 'y', amount: R(1) },
    ],
  };
  const ix = indexNetwork(net);
  const edges = [
    { operator: 'a', service: 'x' },
    { operator: 'a', service: 'y' },
  ];
  const stale: Attack = { services: ['x'], operators: ['a'], edges, revenue: R(1), cost: R(1), profit: R(0) };
  const a = attackOnNetwork(ix, stale)!;
  // x falls (4 ≥ 7/2), y does not (4 < 5): revenue 5, cost min(4, 4) = 4 (the idle edge to y is dropped)
  assert.deepEqual([a.services, str(a.revenue), str(a.cost), a.edges.length], [['x'], '5', '4', 1]);
  assert.equal(attackOnNetwork(ix, { ...stale, edges: [...edges, { operator: 'c', service: 'x' }] }), null);
  assert.equal(attackOnNetwork(ix, { ...stale, edges: [{ operator: 'b', service: 'y' }] }), null, 'nothing falls');
});

/** One allocation change (amount, new edge or removed edge), deterministic in `k`. */
function oneCommand(net: Network, k: number): Network {
  const allocations = [...net.allocations];
  const op = net.operators[k % net.operators.length]!;
  const svc = net.services[(k >> 3) % net.services.length]!;
  const at = allocations.findIndex((a) => a.operator === op.id && a.service === svc.id);
  if (at < 0) allocations.push({ operator: op.id, service: svc.id, amount: op.stake });
  else if (k % 3 === 0) allocations.splice(at, 1);
  else allocations[at] = { ...allocations[at]!, amount: op.stake.mul(Rational.of(BigInt(1 + (k % 4)), 4n)) };
  return { ...net, allocations };
}

test('analyze after one command with a warm cache gives the cold figures on 100 random command sequences', async () => {
  const psi = Rational.of(1n, 5n);
  const figures = (r: Awaited<ReturnType<typeof analyzeNetwork>>): unknown[] => [
    r.secure,
    str(r.bestAttack?.profit),
    r.bestAttackExact,
    str(r.slack.gamma),
    r.slack.exact,
    str(r.worstLoss?.loss),
    r.worstLoss?.exact,
  ];
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 5, svcsMax: 3, edgesMax: 8 }), fc.nat(), fc.nat(), async (net, k1, k2) => {
      const cache = newComponentCache();
      await analyzeNetwork(net, { psi, cache });
      const next = oneCommand(oneCommand(net, k1), k2);
      const [warm, cold] = [await analyzeNetwork(next, { psi, cache }), await analyzeNetwork(next, { psi })];
      assert.deepEqual(figures(warm), figures(cold));
      assert.equal(str(warm.slack.gamma), str(brute(next).slack));
    }),
    { seed: seed + 1, numRuns: 100 },
  );
});
