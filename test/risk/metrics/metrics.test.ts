import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { runLog } from '../../../src/core/runLog.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { Rational } from '../../../src/math/rational.js';
import { byzantineShock } from '../../../src/risk/byzantineShock.js';
import { indexNetwork, type IndexedNetwork } from '../../../src/risk/indexNetwork.js';
import type { Network } from '../../../src/risk/network.js';
import { networkFromLedger } from '../../../src/risk/networkFromLedger.js';
import { computeMetrics } from '../../../src/risk/metrics/computeMetrics.js';
import { costToCorruptBounds, exactCostToCorrupt } from '../../../src/risk/metrics/costToCorrupt.js';
import { computeExactMetrics, withExactMetrics } from '../../../src/risk/metrics/exactMetrics.js';
import { parseFraction } from '../../../src/risk/metrics/parseFraction.js';
import type { Figure } from '../../../src/risk/metrics/figure.js';
import { brute, bruteWorstLoss } from '../bruteForce.js';
import { arbNetwork } from '../randomNetwork.js';
import { schemaErrors } from './jsonSchemaCheck.js';

const at = { block: 7, seq: 3, stateHash: 'ab'.repeat(32) };

/** Every subset of the edges on s: the fewest operators and the cheapest cost reaching α_s·W_s. */
function bruteService(ix: IndexedNetwork, s: number): { count: number; cost: Rational } {
  const es = ix.edgesOfSvc[s]!;
  const need = ix.weight[s]!.mul(ix.alpha[s]!);
  let count = Number.POSITIVE_INFINITY;
  let cost: Rational | null = null;
  for (let mask = 0; mask < 1 << es.length; mask++) {
    let cov = Rational.ZERO;
    let c = Rational.ZERO;
    let k = 0;
    es.forEach((e, i) => {
      if (!(mask & (1 << i))) return;
      const { op, amount } = ix.edges[e]!;
      [cov, c, k] = [cov.add(amount), c.add(amount.min(ix.stake[op]!)), k + 1];
    });
    if (cov.lt(need)) continue;
    count = Math.min(count, k);
    if (cost === null || c.lt(cost)) cost = c;
  }
  return { count, cost: cost! };
}

const R = (s: string): Rational => {
  const [p, q] = s.split('/');
  if (q !== undefined) return Rational.of(BigInt(p!), BigInt(q));
  const [i, f = ''] = s.split('.');
  return Rational.of(BigInt(`${i}${f}`), 10n ** BigInt(f.length));
};

function within(f: Figure, exact: Rational | null, label: string): void {
  if (f.proven) {
    if (f.value === null || exact === null) return assert.equal(f.value, exact, `${label}: proven null`);
    // exact figures print as exactString does (SPEC §5): long fractions as 24 significant digits, truncated
    const diff = R(String(f.value)).sub(exact);
    const tol = (exact.sign() < 0 ? exact.neg() : exact).mul(Rational.of(1n, 10n ** 22n));
    assert.ok((diff.sign() < 0 ? diff.neg() : diff).lte(tol), `${label}: proven ${String(f.value)} vs ${exact.toString()}`);
    return;
  }
  if (exact === null) return;
  if (f.lower !== null) assert.ok(R(f.lower).lte(exact), `${label}: lower ${f.lower} ≤ ${exact}`);
  if (f.upper !== null) assert.ok(R(f.upper).gte(exact), `${label}: upper ${f.upper} ≥ ${exact}`);
}

test('Nakamoto coefficients and costs to corrupt agree with brute force over every edge subset', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 6, svcsMax: 3, edgesMax: 12 }), async (net) => {
      const ix = indexNetwork(net);
      const m = computeMetrics({ network: net, state: null, at }).metrics;
      let networkNak = Number.POSITIVE_INFINITY;
      for (const [s, id] of ix.svcIds.entries()) {
        const b = bruteService(ix, s);
        networkNak = Math.min(networkNak, b.count);
        assert.equal(m.services[id]!.nakamoto.value, b.count, `nakamoto ${id}`);
        within(m.services[id]!.costToCorrupt, b.cost, `cost ${id}`);
        const fast = costToCorruptBounds(ix, s);
        assert.ok(fast.lower.lte(b.cost) && fast.cost.gte(b.cost));
        const ex = await exactCostToCorrupt(ix, s);
        assert.ok(ex.exact && ex.cost.eq(b.cost), `exact cost ${id}: ${ex.cost} vs ${b.cost}`);
      }
      assert.equal(m.network.nakamoto.value, ix.svcIds.length === 0 ? null : networkNak);
    }),
    { numRuns: 60, seed: 11 },
  );
});

test('contagion in/out equal the stake lost by each single-service Byzantine shock (SPEC §5)', () => {
  fc.assert(
    fc.property(arbNetwork({ opsMax: 6, svcsMax: 4, edgesMax: 14 }), (net) => {
      const m = computeMetrics({ network: net, state: null, at }).metrics;
      const weight = (n: Network, t: string): Rational =>
        n.allocations.filter((a) => a.service === t).reduce((x, a) => x.add(a.amount), Rational.ZERO);
      const inflow = new Map<string, Rational>();
      for (const s of net.services) {
        const shock = byzantineShock(net, [s.id]);
        assert.ok(shock.ok);
        let out = Rational.ZERO;
        for (const t of net.services) {
          if (t.id === s.id) continue;
          const lost = weight(net, t.id).sub(weight(shock.value.residual, t.id));
          out = out.add(lost);
          inflow.set(t.id, (inflow.get(t.id) ?? Rational.ZERO).add(lost));
        }
        within(m.services[s.id]!.contagionOut, out, `out ${s.id}`);
      }
      for (const t of net.services) within(m.services[t.id]!.contagionIn, inflow.get(t.id) ?? Rational.ZERO, `in ${t.id}`);
    }),
    { numRuns: 80, seed: 12 },
  );
});

test('HHI, totals, degrees, top share and certificate margins match direct sums', () => {
  fc.assert(
    fc.property(arbNetwork({ opsMax: 7, svcsMax: 4, edgesMax: 16 }), (net) => {
      const m = computeMetrics({ network: net, state: null, at }).metrics;
      const total = net.operators.reduce((a, o) => a.add(o.stake), Rational.ZERO);
      const hhi = total.isZero()
        ? Rational.ZERO
        : net.operators.reduce((a, o) => a.add(o.stake.div(total).mul(o.stake.div(total))), Rational.ZERO);
      within(m.network.stakeHhi, hhi, 'hhi');
      within(m.network.totalStake, total, 'total');
      const positive = net.allocations.filter((a) => a.amount.sign() > 0);
      const staked = net.operators.filter((o) => o.stake.sign() > 0);
      const deg = staked.reduce((a, o) => a + positive.filter((x) => x.operator === o.id).length, 0);
      within(m.network.meanRestakingDegree, staked.length ? Rational.of(BigInt(deg), BigInt(staked.length)) : Rational.ZERO, 'degree');
      for (const svc of net.services) {
        const edges = positive.filter((a) => a.service === svc.id);
        const W = edges.reduce((a, x) => a.add(x.amount), Rational.ZERO);
        const top = edges.reduce((a, x) => a.max(x.amount), Rational.ZERO);
        assert.equal(m.services[svc.id]!.topOperatorShare.value, W.isZero() ? null : m.services[svc.id]!.topOperatorShare.value);
        if (!W.isZero()) within(m.services[svc.id]!.topOperatorShare, top.div(W), 'top');
      }
      for (const op of net.operators) {
        const mine = positive.filter((a) => a.operator === op.id);
        let lhs = Rational.ZERO;
        for (const a of mine) {
          const s = net.services.find((x) => x.id === a.service)!;
          const W = positive.filter((x) => x.service === s.id).reduce((x, y) => x.add(y.amount), Rational.ZERO);
          lhs = lhs.add(s.profitFromCorruption.mul(a.amount).div(s.attackThreshold.mul(W)));
        }
        within(m.operators[op.id]!.certificateMargin, op.stake.sub(lhs), `margin ${op.id}`);
        assert.equal(m.operators[op.id]!.degree.value, mine.length);
      }
    }),
    { numRuns: 80, seed: 13 },
  );
});

test('fast network figures bracket the exact ones; the exact job proves them (brute force)', async () => {
  await fc.assert(
    fc.asyncProperty(arbNetwork({ opsMax: 4, svcsMax: 3, edgesMax: 8 }), async (net) => {
      const fast = computeMetrics({ network: net, state: null, at }).metrics;
      const b = brute(net);
      within(fast.network.bestAttackProfit, b.bestProfit, 'profit');
      within(fast.network.slack, b.slack, 'slack');
      const ex = await computeExactMetrics(net, at);
      const full = withExactMetrics(fast, ex);
      const secure = b.bestProfit === null || b.bestProfit.sign() <= 0;
      assert.deepEqual([full.network.secure.proven, full.network.secure.value], [true, secure]);
      within(full.network.slack, b.slack, 'exact slack');
      assert.equal(full.network.slack.proven, true);
      for (const p of ['1/100', '5/100', '10/100']) {
        const w = bruteWorstLoss(net, parseFraction(p));
        within(fast.network.worstLoss[p]!, w, `fast R ${p}`);
        within(full.network.worstLoss[p]!, w, `exact R ${p}`);
        assert.equal(full.network.worstLoss[p]!.proven, true);
      }
      for (const id of Object.keys(full.services)) assert.equal(full.services[id]!.costToCorrupt.proven, true);
      // a job of another state never replaces fresher figures
      assert.equal(withExactMetrics(fast, { ...ex, at: { ...at, stateHash: 'cd'.repeat(32) } }), fast);
    }),
    { numRuns: 25, seed: 14 },
  );
});

test('metrics of a ledger: exposures of vaults and LRTs, LRT depth, every figure stamped', () => {
  const log = parse(readFileSync('examples/shared-security.yaml', 'utf8')) as unknown[];
  const { state } = runLog(log);
  const stamp = { block: state.block, seq: log.length, stateHash: stateHash(state) };
  const m = computeMetrics({ network: networkFromLedger(state), state, at: stamp }).metrics;
  assert.ok(Object.keys(m.vaults).length > 0 && Object.keys(m.lrts).length > 0);
  assert.ok((m.network.lrtDepth.value ?? 0) >= 1);
  const walk = (x: unknown): void => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) return;
    if ('proven' in x) {
      assert.deepEqual([(x as Figure).block, (x as Figure).seq, (x as Figure).stateHash], [stamp.block, stamp.seq, stamp.stateHash]);
      return;
    }
    for (const v of Object.values(x)) walk(v);
  };
  walk({ ...m, at: undefined });
  const lrt = Object.values(m.lrts)[0]!;
  const sum = Object.values(lrt.byOperator)
    .flatMap((bySet) => Object.values(bySet))
    .reduce((a, f) => a.add(R(String(f.value))), Rational.ZERO);
  within(lrt.total, sum, 'lrt total');
});

test('metrics documents (file and ledger, fast and exact) satisfy docs/metrics.schema.json', async () => {
  const schema = JSON.parse(readFileSync('docs/metrics.schema.json', 'utf8')) as Record<string, unknown>;
  const log = parse(readFileSync('examples/shared-security.yaml', 'utf8')) as unknown[];
  const { state } = runLog(log);
  const stamp = { block: state.block, seq: log.length, stateHash: stateHash(state) };
  const net = networkFromLedger(state);
  const fast = computeMetrics({ network: net, state, at: stamp }).metrics;
  const full = withExactMetrics(fast, await computeExactMetrics(net, stamp, { nodesMax: 2000 }));
  for (const m of [fast, full]) assert.deepEqual(schemaErrors(schema, JSON.parse(JSON.stringify(m))), []);
  const bad = JSON.parse(JSON.stringify(fast)) as { network: { secure: Record<string, unknown> } };
  bad.network.secure.proven = 'yes';
  assert.notDeepEqual(schemaErrors(schema, bad), []);
});
