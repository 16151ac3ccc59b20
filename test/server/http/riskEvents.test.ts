import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventHub } from '../../../src/server/http/eventStream.js';
import { changedIdsMax, jobEventIntervalMs, riskEvents } from '../../../src/server/http/riskEvents.js';

test('risk events: metrics lists at most changedIdsMax ids, alert events carry only the event fields, job progress is throttled per job', () => {
  const sent: [string, any][] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  const hub = { publishLive: (event: string, data: unknown) => sent.push([event, data]) } as unknown as EventHub;
  let t = 0;
  const r = riskEvents(hub, () => t);
  const at = { block: 3, seq: 7, stateHash: 'ab'.repeat(32) };
  r.publish({ type: 'metrics', at, changed: Array.from({ length: changedIdsMax + 5 }, (_, i) => `/operators/o${i}/stake`) });
  assert.equal(sent[0]![0], 'metrics');
  assert.equal(sent[0]![1].changed.length, changedIdsMax);
  assert.deepEqual([sent[0]![1].changedCount, sent[0]![1].truncated, sent[0]![1].seq], [changedIdsMax + 5, true, 7]);
  r.publish({ type: 'exact', at });
  assert.deepEqual(sent[1], ['exact', at]);
  const event = { id: 'e', ruleId: 'r', owner: 'o', kind: 'slash' as const, ...at, subject: 's', before: null, after: 1 };
  r.publish({ type: 'alert', event: { ...event, secret: 'x' } as typeof event });
  assert.deepEqual(sent[2], ['alert', event]);
  sent.length = 0;
  for (let done = 0; done <= 10; done++) {
    r.jobProgress({ key: 'k', kind: 'montecarlo', done, total: 10 });
    t += jobEventIntervalMs / 4;
  }
  assert.deepEqual(
    sent.map(([, d]) => d.done),
    [0, 4, 8, 10],
    'one every interval, and the final one',
  );
  assert.deepEqual(sent[3], ['job', { key: 'k', kind: 'montecarlo', done: 10, total: 10 }]);
});
