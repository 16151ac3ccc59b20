import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse } from 'yaml';
import { applyInPlace } from '../../../src/core/apply.js';
import { createState } from '../../../src/core/state/state.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { Rational } from '../../../src/math/rational.js';
import { networkFromLedger } from '../../../src/risk/networkFromLedger.js';
import { computeMetrics } from '../../../src/risk/metrics/computeMetrics.js';
import { changedFigures, flattenFigures } from '../../../src/risk/metrics/figureTree.js';
import { updateMetrics } from '../../../src/risk/metrics/updateMetrics.js';
import { completeSecurity } from '../../../src/risk/metrics/completeSecurity.js';
import { arbNetwork } from '../randomNetwork.js';

test('incremental metrics equal a full recompute after every command of a ledger log, and report exactly what changed', () => {
  const log = parse(readFileSync('examples/shared-security.yaml', 'utf8')) as unknown[];
  const state = createState();
  let snap = computeMetrics({ network: networkFromLedger(state), state, at: { block: 0, seq: 0, stateHash: stateHash(state) } });
  let partial = 0;
  for (const [i, cmd] of log.entries()) {
    applyInPlace(state, cmd);
    const input = { network: networkFromLedger(state), state, at: { block: state.block, seq: i + 1, stateHash: stateHash(state) } };
    const full = computeMetrics(input);
    const up = updateMetrics(snap, input);
    assert.deepEqual(up.snapshot.metrics, full.metrics, `command ${i} (${(cmd as { type: string }).type})`);
    assert.deepEqual(up.changed, changedFigures(flattenFigures(snap.metrics, ''), flattenFigures(full.metrics, '')), `changed at ${i}`);
    const all =
      Object.keys(full.metrics.operators).length + Object.keys(full.metrics.services).length + Object.keys(full.metrics.vaults).length;
    const done = up.recomputed.operators.length + up.recomputed.services.length + up.recomputed.vaults.length;
    if (done < all) partial++;
    snap = up.snapshot;
  }
  assert.ok(partial > log.length / 2, `most commands recompute only part of the figures (${partial} of ${log.length})`);
});

test('changing one allocation recomputes exactly its operator, its service, their neighbours; figures equal a full recompute', () => {
  fc.assert(
    fc.property(arbNetwork({ opsMax: 8, svcsMax: 5, edgesMax: 20 }), fc.nat(), fc.integer({ min: 1, max: 3 }), (net, pick, den) => {
      const edges = net.allocations.filter((a) => a.amount.sign() > 0);
      fc.pre(edges.length > 0);
      const e = edges[pick % edges.length]!;
      const allocations = net.allocations.map((a) => (a === e ? { ...a, amount: a.amount.div(Rational.of(BigInt(den + 1))) } : a));
      const next = { ...net, allocations };
      const at0 = { block: 1, seq: 1, stateHash: '00'.repeat(32) };
      const at1 = { block: 2, seq: 2, stateHash: '11'.repeat(32) };
      const before = computeMetrics({ network: net, state: null, at: at0 });
      const full = computeMetrics({ network: next, state: null, at: at1 });
      const up = updateMetrics(before, { network: next, state: null, at: at1 });
      assert.deepEqual(up.snapshot.metrics, full.metrics);
      const onS = new Set(edges.filter((a) => a.service === e.service).map((a) => a.operator));
      const ofV = new Set(edges.filter((a) => a.operator === e.operator).map((a) => a.service));
      assert.deepEqual(new Set(up.recomputed.operators), onS);
      assert.deepEqual(new Set(up.recomputed.services), ofV);
      const changed = changedFigures(flattenFigures(before.metrics, ''), flattenFigures(full.metrics, ''));
      assert.deepEqual(up.changed, changed);
      for (const p of changed) {
        const [, kind, id] = p.split('/');
        assert.ok(kind === 'network' || (kind === 'operators' && onS.has(id!)) || (kind === 'services' && ofV.has(id!)), p);
      }
      assert.ok(changed.includes(`/services/${e.service}/stake`) && changed.includes(`/operators/${e.operator}/allocated`));
    }),
    { numRuns: 60, seed: 21 },
  );
});

test('deferred security figures keep their old stamp until completed, are never restamped, then equal a full recompute', () => {
  fc.assert(
    fc.property(arbNetwork({ opsMax: 8, svcsMax: 5, edgesMax: 20 }), fc.nat(), (net, pick) => {
      const edges = net.allocations.filter((a) => a.amount.sign() > 0);
      fc.pre(edges.length > 0);
      const e = edges[pick % edges.length]!;
      const next = { ...net, allocations: net.allocations.map((a) => (a === e ? { ...a, amount: a.amount.div(Rational.of(3n)) } : a)) };
      const at = (i: number) => ({ block: i, seq: i, stateHash: String(i).repeat(64) });
      const before = computeMetrics({ network: net, state: null, at: at(1) });
      const up = updateMetrics(before, { network: next, state: null, at: at(2) }, { deferSecurity: true });
      assert.equal(up.securityPending, true);
      for (const k of ['secure', 'bestAttackProfit', 'slack'] as const)
        assert.deepEqual(up.snapshot.metrics.network[k], before.metrics.network[k]);
      assert.equal(up.snapshot.metrics.network.totalStake.seq, 2);
      // a change that leaves the network view alone while a deferral is pending: still stale, still pending
      const again = updateMetrics(up.snapshot, { network: next, state: null, at: at(3) }, { deferSecurity: true });
      assert.equal(again.securityPending, true);
      assert.equal(again.snapshot.metrics.network.slack.seq, 1);
      const done = completeSecurity(again.snapshot);
      const full = computeMetrics({ network: next, state: null, at: at(3) });
      assert.deepEqual(done.snapshot.metrics, full.metrics);
      assert.equal(done.snapshot.securityPending, false);
      // both publishes together name exactly the figures a single full update changes
      const all = changedFigures(flattenFigures(before.metrics, ''), flattenFigures(full.metrics, ''));
      assert.deepEqual([...new Set([...up.changed, ...again.changed, ...done.changed])].sort(), all);
      assert.deepEqual(completeSecurity(done.snapshot).changed, []);
    }),
    { numRuns: 40, seed: 22 },
  );
});
