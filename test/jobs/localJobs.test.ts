import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { jobRunner } from '../../src/jobs/jobRunner.js';
import { localBackend } from '../../src/jobs/localBackend.js';
import { memoryResultStore } from '../../src/jobs/memoryResultStore.js';
import type { JobProgress } from '../../src/jobs/jobSpec.js';
import type { TaskBackend } from '../../src/jobs/taskBackend.js';
import { referenceReport, scenarioDoc, stateOf } from './jobFixtures.js';

const backend = localBackend({ threads: 2 });
let executions = 0;
const counting: TaskBackend = {
  execute: (tasks, doc, p) => {
    executions++;
    return backend.execute(tasks, doc, p);
  },
  close: () => backend.close(),
};
after(() => counting.close());

test('Monte Carlo jobs on worker threads: 1, 3 and 8 shards give the single-process report bit for bit', async () => {
  const doc = scenarioDoc();
  const ref = await referenceReport(doc, 20_000, 9);
  for (const shards of [1, 3, 8]) {
    // a fresh store each time: the job really runs (otherwise the stored result would answer)
    const progress: JobProgress[] = [];
    const runner = jobRunner({ backend: counting, store: memoryResultStore(), onProgress: (p) => progress.push(p) });
    const out = await runner.run({ kind: 'montecarlo', stateHash: stateOf(doc), params: { scenarios: 20_000, seed: 9 } }, doc, { shards });
    assert.equal(out.status, 'done');
    assert.equal(JSON.stringify(out.status === 'done' ? out.result : null), ref, `${shards} shards`);
    assert.ok(progress.length > 0 && progress.at(-1)!.total === 20_000);
  }
});

test('the same job twice runs once (content-hash key), concurrently and afterwards; other params are another job', async () => {
  const doc = scenarioDoc(30, 5, 2);
  const store = memoryResultStore();
  const runner = jobRunner({ backend: counting, store });
  const spec = { kind: 'montecarlo', stateHash: stateOf(doc), params: { scenarios: 4000, seed: 1 } } as const;
  const before = executions;
  const [a, b] = await Promise.all([
    runner.run(spec, doc, { shards: 2 }),
    runner.run({ ...spec, params: { seed: 1, scenarios: 4000 } }, doc),
  ]);
  const c = await runner.run(spec, doc, { shards: 5 });
  assert.equal(executions - before, 1);
  assert.ok(a.status === 'done' && b.status === 'done' && c.status === 'done' && c.cached);
  assert.equal(a.key, c.key);
  assert.deepEqual(a.status === 'done' && a.result, c.status === 'done' && c.result);
  await runner.run({ ...spec, params: { scenarios: 4000, seed: 2 } }, doc);
  assert.equal(executions - before, 2);
  assert.equal(store.size(), 2);
});

test('bad jobs fail with BAD_JOB, not retryable, and the pool stays usable', async () => {
  const runner = jobRunner({ backend: counting, store: memoryResultStore() });
  const doc = scenarioDoc(10, 3, 1);
  const cases = [
    await runner.run({ kind: 'nope' as 'analyze', stateHash: stateOf(doc), params: {} }, doc),
    await runner.run({ kind: 'montecarlo', stateHash: 'xyz', params: {} }, doc),
    await runner.run({ kind: 'montecarlo', stateHash: stateOf(doc), params: { scenarios: -1 } }, doc),
    await runner.run({ kind: 'montecarlo', stateHash: stateOf(doc), params: {} }, { network: 'file.json' }),
    await runner.run({ kind: 'analyze', stateHash: stateOf(doc), params: {} }, { operators: 'x' }),
  ];
  for (const c of cases) assert.deepEqual(c.status === 'failed' && [c.code, c.retryable], ['BAD_JOB', false], JSON.stringify(c));
  const ok = await runner.run(
    { kind: 'analyze', stateHash: stateOf(doc), params: { nodesMax: 500 } },
    (doc as { network: unknown }).network,
  );
  assert.equal(ok.status, 'done');
});
