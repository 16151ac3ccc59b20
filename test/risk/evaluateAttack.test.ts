import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rational } from '../../src/math/rational.js';
import type { Attack } from '../../src/risk/attack.js';
import { evaluateAttack } from '../../src/risk/evaluateAttack.js';
import { generateNetwork } from '../../src/risk/generateNetwork.js';
import { indexNetwork, type IndexedNetwork } from '../../src/risk/indexNetwork.js';
import { arbNetwork } from './randomNetwork.js';

// evaluateAttack sums in integer units of 1/lcd over the corrupted and removed edges only (networkUnits); the reference
// below is SPEC §5 written plainly in Rationals over every edge, as evaluateAttack was before. Replay with FC_SEED=<seed>.

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261206;

function reference(ix: IndexedNetwork, corrupted: ReadonlySet<number>, removed: ReadonlySet<number>, scale: Rational, dropIdle: boolean) {
  const covered = ix.svcIds.map(() => Rational.ZERO);
  const residual = [...ix.weight];
  ix.edges.forEach((edge, e) => {
    if (removed.has(edge.op)) residual[edge.svc] = residual[edge.svc]!.sub(edge.amount);
    else if (corrupted.has(e)) covered[edge.svc] = covered[edge.svc]!.add(edge.amount);
  });
  const isFallen = ix.svcIds.map((_, s) => ix.pfc[s]!.sign() > 0 && covered[s]!.gte(ix.alpha[s]!.mul(residual[s]!)));
  const fallen = ix.svcIds.map((_, s) => s).filter((s) => isFallen[s]);
  const kept = [...corrupted].filter((e) => !removed.has(ix.edges[e]!.op) && (!dropIdle || isFallen[ix.edges[e]!.svc])).sort((a, b) => a - b);
  const perOp = new Map<number, Rational>();
  for (const e of kept) perOp.set(ix.edges[e]!.op, (perOp.get(ix.edges[e]!.op) ?? Rational.ZERO).add(ix.edges[e]!.amount));
  let cost = Rational.ZERO;
  for (const [v, a] of perOp) cost = cost.add(a.min(ix.stake[v]!));
  const revenue = fallen.reduce((a, s) => a.add(ix.pfc[s]!.mul(scale)), Rational.ZERO);
  const attack: Attack = {
    services: fallen.map((s) => ix.svcIds[s]!),
    operators: [...perOp.keys()].sort((a, b) => a - b).map((v) => ix.opIds[v]!),
    edges: kept.map((e) => ({ operator: ix.opIds[ix.edges[e]!.op]!, service: ix.svcIds[ix.edges[e]!.svc]! })),
    revenue,
    cost,
    profit: revenue.sub(cost),
  };
  return { attack, fallen, edges: kept };
}

/** Every field, the rationals by value (num and den: both sides are normalised). */
function same(a: ReturnType<typeof reference>, b: ReturnType<typeof evaluateAttack>): void {
  assert.deepEqual(b.fallen, a.fallen);
  assert.deepEqual(b.edges, a.edges);
  assert.deepEqual(b.attack.services, a.attack.services);
  assert.deepEqual(b.attack.operators, a.attack.operators);
  assert.deepEqual(b.attack.edges, a.attack.edges);
  for (const k of ['revenue', 'cost', 'profit'] as const) assert.equal(b.attack[k].toString(), a.attack[k].toString(), k);
}

test('evaluateAttack equals the plain Rational evaluation on random networks, shocks and scales', () => {
  const scales = [Rational.ONE, Rational.of(3n, 7n), Rational.of(11n, 5n)];
  fc.assert(
    fc.property(
      arbNetwork({ opsMax: 7, svcsMax: 5, edgesMax: 20 }),
      fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
      fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
      fc.nat(2),
      fc.boolean(),
      (net, pickEdges, pickOps, k, dropIdle) => {
        const ix = indexNetwork(net);
        const corrupted = new Set(ix.edges.map((_, e) => e).filter((e) => pickEdges[e]));
        const removed = new Set(ix.opIds.map((_, v) => v).filter((v) => pickOps[v] && v % 2 === 0));
        same(reference(ix, corrupted, removed, scales[k]!, dropIdle), evaluateAttack(ix, corrupted, removed, scales[k]!, dropIdle));
        same(reference(ix, corrupted, new Set(), scales[k]!, dropIdle), evaluateAttack(ix, corrupted, new Set(), scales[k]!, dropIdle));
      },
    ),
    { seed, numRuns: 400 },
  );
});

test('evaluateAttack equals the plain Rational evaluation on a generated network after a k/1000 slash', () => {
  const net = generateNetwork({ operators: 60, services: 12, seed: 4 });
  const keep = Rational.of(963n, 1000n);
  const slashed = {
    ...net,
    operators: net.operators.map((o, i) => (i % 7 === 0 ? { ...o, stake: o.stake.mul(keep) } : o)),
    allocations: net.allocations.map((a) => (Number(a.operator.slice(-2)) % 7 === 0 ? { ...a, amount: a.amount.mul(keep) } : a)),
  };
  const ix = indexNetwork(slashed);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 30 }), (r) => {
      const corrupted = new Set(ix.edges.map((_, e) => e).filter((e) => ((r >> e % 30) & 1) === 1 || e % 5 === r % 5));
      const removed = new Set([r % ix.opIds.length, (r >> 7) % ix.opIds.length]);
      same(reference(ix, corrupted, removed, Rational.ONE, true), evaluateAttack(ix, corrupted, removed, Rational.ONE, true));
      same(reference(ix, corrupted, new Set(), Rational.of(5n, 4n), false), evaluateAttack(ix, corrupted, new Set(), Rational.of(5n, 4n), false));
    }),
    { seed, numRuns: 200 },
  );
});
