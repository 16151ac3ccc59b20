import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { applyInPlace } from '../../../src/core/apply.js';
import { createState } from '../../../src/core/state/state.js';
import { stateHash } from '../../../src/core/state/stateHash.js';
import { jobRunner } from '../../../src/jobs/jobRunner.js';
import { localBackend } from '../../../src/jobs/localBackend.js';
import { memoryResultStore } from '../../../src/jobs/memoryResultStore.js';
import { alertRuleBook } from '../../../src/server/alerts/alertRuleBook.js';
import { webhookDelivery } from '../../../src/server/alerts/webhookDelivery.js';
import { liveRisk, type LiveRiskEvent } from '../../../src/server/risk/liveRisk.js';
import type { CommitEvent, LedgerServiceApi, LogEntry } from '../../../src/server/service/serviceApi.js';

/** A minimal in-memory ledger service (the real one is src/server/service on the service branch). */
function fakeService(): LedgerServiceApi & { run(cmds: Record<string, unknown>[]): void } {
  const state = createState({ withdrawalDelayBlocks: 5, deallocationDelayBlocks: 5, allocationConfigurationDelayBlocks: 0 });
  const listeners = new Set<(e: CommitEvent) => void>();
  let seq = 0;
  const head = () => ({ chainId: 1, seq, block: state.block, stateHash: stateHash(state), logHash: '0'.repeat(64) });
  return {
    chainId: 1,
    readOnly: false,
    head,
    state: () => state,
    stateAt: () => Promise.resolve(null),
    submit: () => Promise.reject(new Error('not used')),
    log: () => Promise.resolve([]),
    onCommit: (l) => (listeners.add(l), () => listeners.delete(l)),
    close: () => Promise.resolve(),
    run(cmds) {
      const entries: LogEntry[] = [];
      for (const c of cmds) {
        const out = applyInPlace(state, c);
        assert.ok(out.ok, JSON.stringify(c) + JSON.stringify(out));
        seq++;
        entries.push({
          seq,
          block: state.block,
          envelope: { account: 'a', nonce: String(seq), command: c as { type: string }, signature: '' },
          prevHash: '',
          hash: '',
        });
      }
      for (const l of listeners) l({ entries, receipts: [], head: head() });
    },
  };
}

test('live risk: figures follow each commit, exact figures replace bounds, a slash fires its webhook alert', async () => {
  const svc = fakeService();
  const W = '1000000000000000000';
  svc.run([
    { type: 'registerAsset', asset: 'ETH', decimals: 18, price: '1' },
    { type: 'createVault', vault: 'v', asset: 'ETH' },
    { type: 'registerOperator', operator: 'a' },
    { type: 'registerOperator', operator: 'b' },
    { type: 'createService', service: 'S' },
    { type: 'createOperatorSet', service: 'S', set: 'x', vaults: ['v'], slasher: 'sl', profitFromCorruption: '5', attackThreshold: '1/2' },
    { type: 'registerForOperatorSet', operator: 'a', set: 'x' },
    { type: 'registerForOperatorSet', operator: 'b', set: 'x' },
    { type: 'deposit', staker: 's1', vault: 'v', amount: '10000000000000000000' },
    { type: 'delegate', staker: 's1', operator: 'a' },
    { type: 'deposit', staker: 's2', vault: 'v', amount: '10000000000000000000' },
    { type: 'delegate', staker: 's2', operator: 'b' },
  ]);
  const got: string[] = [];
  const hook = createServer((req, res) => {
    got.push(String(req.headers['stakemesh-event-id']));
    res.end();
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  const book = await alertRuleBook();
  const rule = await book.create('acct', {
    condition: { kind: 'slash', entity: 'operator', id: 'a' },
    webhook: `http://127.0.0.1:${(hook.address() as { port: number }).port}/`,
  });
  assert.ok(rule.ok);
  const delivery = webhookDelivery({ policy: { baseDelayMs: 20, maxDelayMs: 100, attemptsMax: 5, timeoutMs: 2000 } });
  const events: LiveRiskEvent[] = [];
  const backend = localBackend({ threads: 1 });
  const live = liveRisk({
    service: svc,
    publish: (e) => events.push(e),
    runner: jobRunner({ backend, store: memoryResultStore() }),
    alerts: { book, delivery },
  });
  try {
    assert.equal(live.metrics().services.x?.stake.value, '0');
    svc.run([
      { type: 'allocate', operator: 'a', set: 'x', vault: 'v', magnitude: W },
      { type: 'allocate', operator: 'b', set: 'x', vault: 'v', magnitude: W },
    ]);
    assert.equal(live.metrics().at.seq, 14);
    assert.equal(live.metrics().services.x?.stake.value, '20');
    assert.ok(events.some((e) => e.type === 'metrics' && e.changed.includes('/services/x/stake')));
    await live.settled();
    assert.ok(events.some((e) => e.type === 'exact' && e.at.seq === 14));
    assert.equal(live.metrics().network.slack.proven, true);
    assert.equal(live.metrics().services.x?.costToCorrupt.proven, true);
    svc.run([{ type: 'slash', set: 'x', operator: 'a', vault: 'v', wad: '500000000000000000' }]);
    const alert = events.find((e) => e.type === 'alert');
    assert.ok(alert && alert.type === 'alert' && alert.event.ruleId === rule.value.id);
    await delivery.idle();
    assert.deepEqual(got, [alert.event.id]);
    assert.equal(live.metrics().operators.a?.stake.value, '5');
    await live.settled();
  } finally {
    live.close();
    delivery.close();
    await backend.close();
    await new Promise<void>((r) => hook.close(() => r()));
  }
});
