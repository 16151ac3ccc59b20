import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { allocationWatcher } from '../../src/jobs/allocationWatcher.js';
import { jobRunner } from '../../src/jobs/jobRunner.js';
import { localBackend } from '../../src/jobs/localBackend.js';
import { memoryResultStore } from '../../src/jobs/memoryResultStore.js';
import type { TaskBackend } from '../../src/jobs/taskBackend.js';
import { evaluateAlerts } from '../../src/risk/alerts/evaluateAlerts.js';
import { parseAlertRule } from '../../src/risk/alerts/parseAlertRule.js';
import { computeMetrics } from '../../src/risk/metrics/computeMetrics.js';
import { withAllocationFigures } from '../../src/risk/metrics/allocationMetrics.js';
import { networkInput } from '../../src/jobs/jobInputs.js';
import { scenarioDoc } from './jobFixtures.js';

const inner = localBackend({ threads: 1 });
let runs = 0;
const backend: TaskBackend = { execute: (t, d, p) => (runs++, inner.execute(t, d, p)), close: () => inner.close() };
after(() => backend.close());

test('the allocation job runs when its inputs change, publishes the diff, and the diff is an alertable figure', async () => {
  const doc = scenarioDoc(40, 6, 3);
  const watcher = allocationWatcher({ runner: jobRunner({ backend, store: memoryResultStore() }), target: 'vault-1' });
  const net = networkInput((doc as { network: unknown }).network);
  const budget = ((doc as { optimize?: { budget?: number } }).optimize?.budget ?? 1_000_000) as number;
  const at = (seq: number) => ({ block: seq, seq, stateHash: seq.toString(16).padStart(64, '0') });
  const firstPairs = net.allocations.slice(0, 4).map((a) => ({ operator: a.operator, service: a.service, amount: budget / 4 }));
  const u1 = await watcher.onState(at(1), { doc, current: firstPairs });
  assert.ok(u1.status === 'ok' && u1.ran, JSON.stringify(u1).slice(0, 300));
  const u2 = await watcher.onState(at(2), { doc, current: firstPairs }); // unchanged inputs: no new run
  assert.ok(u2.status === 'ok' && !u2.ran && u2.figures.movedShare.seq === 2);
  assert.equal(runs, 1);
  // moves take the current allocation exactly to the recommended one
  const d = u1.diff;
  const recommended = d.moves.reduce((a, m) => a + m.recommended, 0);
  const current = d.moves.reduce((a, m) => a + m.current, 0);
  assert.ok(Math.abs(d.moves.reduce((a, m) => a + m.delta, 0) - (recommended - current)) < 1e-6 * budget);
  // following the recommendation: nothing left to move, same risk and yield before and after
  const followed = d.moves
    .filter((m) => m.recommended > 0)
    .map((m) => ({ operator: m.operator, service: m.service, amount: m.recommended }));
  const u3 = await watcher.onState(at(3), { doc, current: followed });
  assert.ok(u3.status === 'ok' && u3.ran);
  assert.equal(runs, 2);
  assert.deepEqual(u3.diff.moves, []);
  assert.deepEqual(u3.diff.before, u3.diff.after);
  // alertable: a rule on the moved share fires when the recommendation says to move more than 10 %
  const rule = parseAlertRule({
    condition: { kind: 'threshold', metric: '/allocations/vault-1/movedShare', direction: 'above', threshold: '0.1' },
  });
  assert.ok(rule.ok);
  const base = computeMetrics({ network: net, state: null, at: at(3) }).metrics;
  const calm = withAllocationFigures(base, 'vault-1', u3.figures);
  const moving = withAllocationFigures({ ...base, at: at(4) }, 'vault-1', {
    ...u1.figures,
    movedShare: { ...u1.figures.movedShare, value: '0.5' },
  });
  const events = evaluateAlerts([{ id: 'r', owner: 'acct', ...rule.value }], calm, moving, []);
  assert.deepEqual(
    events.map((e) => [e.subject, e.after]),
    [['/allocations/vault-1/movedShare', '0.5']],
  );
});
