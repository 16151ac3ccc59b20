import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { Rational } from '../../src/math/rational.js';
import { answerOf, firstExact, WorkerCrash } from '../../src/risk/slackPortfolio.js';
import type { SlackResult } from '../../src/risk/slackResult.js';
import type { SlackWorkerJob } from '../../src/risk/slackWorkerJob.js';

// Issue 14, thirty-second pass: a worker of the γ* race (slackPortfolio, slackCoop) that dies, e.g. out of memory,
// costs its answer only: the other worker's answer stands; only when every worker died is the crash thrown.

const job: SlackWorkerJob = { network: {}, method: 'bnb', hints: [] };
const bound = (gamma: bigint, lower: bigint): SlackResult => ({
  gamma: Rational.of(gamma, 10n),
  attack: null,
  exact: false,
  lowerBound: Rational.of(lower, 10n),
});
const exact: SlackResult = { gamma: Rational.of(3n, 10n), attack: null, exact: true, lowerBound: null };
const later = <T>(ms: number, f: () => T | Promise<T>): Promise<T> => new Promise((resolve) => setTimeout(resolve, ms)).then(f);

test('answerOf: a worker that exits or throws before answering rejects with WorkerCrash', async () => {
  for (const code of ['process.exit(3)', 'throw new Error("boom")']) {
    const w = new Worker(code, { eval: true });
    await assert.rejects(answerOf(w, job), (e: unknown) => e instanceof WorkerCrash);
    await w.terminate();
  }
});

test('firstExact: the first exact answer wins; a crashed worker counts as no answer; all crashed: the crash; other failures thrown', async () => {
  const crash = (): Promise<SlackResult> => later<SlackResult>(1, () => Promise.reject(new WorkerCrash('slack worker: out of memory')));
  assert.equal(await firstExact([crash(), later(5, () => exact)]), exact);
  assert.equal(await firstExact([later(5, () => exact), crash()]), exact);
  // only a bound left: that bound, as it is
  const b = bound(4n, 2n);
  const r = await firstExact([crash(), later(5, () => b)]);
  assert.equal(r.gamma?.toString(), '2/5');
  assert.equal(r.lowerBound?.toString(), '1/5');
  assert.equal(r.exact, false);
  // two bounds: the lower γ and the higher lower bound, exact when they meet
  const two = await firstExact([later(2, () => bound(5n, 1n)), crash(), later(4, () => bound(4n, 3n))]);
  assert.deepEqual([two.gamma?.toString(), two.lowerBound?.toString(), two.exact], ['2/5', '3/10', false]);
  const met = await firstExact([later(2, () => bound(5n, 4n)), later(4, () => bound(4n, 1n))]);
  assert.deepEqual([met.gamma?.toString(), met.exact], ['2/5', true]);
  await assert.rejects(firstExact([crash(), crash()]), (e: unknown) => e instanceof WorkerCrash);
  await assert.rejects(
    firstExact([later<SlackResult>(1, () => Promise.reject(new Error('slack worker: its coalition attacks nothing'))), later(5, () => b)]),
    /attacks nothing/,
  );
});
